package org.jointraft.conformance.bugzoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jointraft.conformance.io.ChildJvm;
import org.jointraft.conformance.io.ScratchFolder;
import org.jointraft.conformance.sim.Shape;

/**
 * Runs the hunt against one bug: patches and compiles impl into a scratch folder, then runs {@link ZooHunt} in a
 * forked JVM whose classpath puts the patched classes before this JVM's classpath (so the patched
 * {@code org.jointraft.core} classes win), and reads its one JSON line. The forked JVM is a {@link ChildJvm}: it dies
 * with this one.
 */
public final class BugRunner {
    private final Map<String, String> implSources;
    private final String classpath;
    private final Duration timeout;

    public BugRunner(Map<String, String> implSources, Duration timeout) {
        this(implSources, System.getProperty("java.class.path"), timeout);
    }

    BugRunner(Map<String, String> implSources, String classpath, Duration timeout) {
        this.implSources = implSources;
        this.classpath = classpath;
        this.timeout = timeout;
    }

    /** Hunts {@code bug} for at most {@code runs} runs. */
    public BugResult run(Bug bug, int runs) throws IOException, InterruptedException {
        long start = System.nanoTime();
        try (ScratchFolder work = ScratchFolder.create("bugzoo-" + bug.name() + "-")) {
            Path classes = PatchedImpl.build(bug, implSources, work.path());
            HuntOutcome outcome = hunt(classes, runs, work.path(), bug.shape());
            return BugResult.of(bug, outcome, (System.nanoTime() - start) / 1e9);
        }
    }

    /** The same hunt against the unpatched impl: a control, which must not be caught. */
    public HuntOutcome runControl(int runs) throws IOException, InterruptedException {
        try (ScratchFolder work = ScratchFolder.create("bugzoo-control-")) {
            return hunt(null, runs, work.path(), null);
        }
    }

    private static List<String> huntArgs(int runs, Path traces, Shape shape) {
        List<String> args = new ArrayList<>(List.of("--runs", Integer.toString(runs), "--out", traces.toString()));
        if (shape != null) {
            args.addAll(List.of("--shape", shape.cliName()));
        }
        return args;
    }

    private HuntOutcome hunt(Path classes, int runs, Path work, Shape shape) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // The hunt's TLC runs make their folders inside the work folder, so that deleting it removes them
        // even when the hunt's JVM was killed before it could clean up.
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        List<String> command = ChildJvm.command(java,
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + tmp),
                classes == null ? classpath : classes + File.pathSeparator + classpath, ZooHunt.class.getName(),
                huntArgs(runs, work.resolve("traces"), shape));
        Path stdout = work.resolve("hunt.out");
        Path stderr = work.resolve("hunt.err");
        Process p;
        try (ChildJvm hunt = ChildJvm.start(new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()))) {
            p = hunt.process();
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the hunt did not finish within " + timeout.toSeconds() + " s");
            }
        }
        List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8);
        String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (p.exitValue() != 0 || !last.startsWith("{")) {
            throw new IllegalStateException("the hunt failed (exit " + p.exitValue() + "):\n"
                    + tail(Files.readString(stderr, StandardCharsets.UTF_8)) + tail(String.join("\n", lines)));
        }
        return new ObjectMapper().readValue(last, HuntOutcome.class);
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : "..." + text.substring(text.length() - 4000);
    }
}
