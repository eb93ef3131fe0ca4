package org.jointraft.conformance.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Trace files a test asks for; {@link ValidateTraces} hands one to the test and, when the test
 * passes, has TLC validate every trace written to them. The test just writes: e.g.
 * {@code Simulator.run(options.withTrace(traces.next("run")))}.
 */
public final class TraceFiles {
    private final Path dir;
    private final List<Path> files = new ArrayList<>();

    TraceFiles(Path dir) {
        this.dir = dir;
    }

    /** A new trace file for the test to write (named after {@code name} and a counter). */
    public Path next(String name) {
        Path file = dir.resolve(String.format("%03d-%s.ndjson", files.size() + 1, name.replaceAll("[^A-Za-z0-9_.-]", "_")));
        files.add(file);
        return file;
    }

    /** The trace files handed out so far. */
    public List<Path> files() {
        return List.copyOf(files);
    }

    /**
     * Validates every handed-out file that the test wrote, in one batch; throws an AssertionError with
     * TLC's diagnosis of every rejected trace. Files never written are skipped.
     */
    public List<Verdict> validateAll(TraceValidator validator) throws IOException {
        List<Path> written = files.stream().filter(Files::isRegularFile).toList();
        if (written.isEmpty()) {
            return List.of();
        }
        List<Verdict> verdicts = validator.validate(written);
        List<Verdict> rejected = verdicts.stream().filter(v -> !v.accepted()).toList();
        if (!rejected.isEmpty()) {
            throw new AssertionError(rejected.size() + " of " + verdicts.size() + " trace(s) rejected by the spec:\n"
                    + rejected.stream().map(v -> v.trace() + "\n" + v.diagnosis().orElseThrow().render())
                            .collect(Collectors.joining("\n")));
        }
        return verdicts;
    }
}
