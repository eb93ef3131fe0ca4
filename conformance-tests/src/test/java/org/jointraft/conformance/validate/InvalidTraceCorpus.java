package org.jointraft.conformance.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The invalid traces of src/test/resources/traces/invalid: RejectedTracesTest's edits, cut right after
 * the rejected event, with one line each in expected.txt: {@code file rejectedAt condition}, where the
 * condition is a false guard or {@code kind:name} of a difference. Regenerate with
 * {@code -Djointraft.exportInvalidTraces=DIR} on RejectedTracesTest, RejectedCallTracesTest and HandMadeTracesTest
 * (the hand-made election-4 duplicates vote-request-to-learner and is left out).
 */
final class InvalidTraceCorpus {
    static final String PROPERTY = "jointraft.exportInvalidTraces";

    private InvalidTraceCorpus() { }

    static void exportIfAsked(Path trace, Diagnosis d) throws IOException {
        String target = System.getProperty(PROPERTY);
        if (target == null) {
            return;
        }
        Path dir = Files.createDirectories(Path.of(target));
        String name = trace.getFileName().toString();
        List<String> lines = Files.readAllLines(trace, StandardCharsets.UTF_8);
        Files.write(dir.resolve(name), lines.subList(0, d.eventIndex() + 1), StandardCharsets.UTF_8);
        String condition = !d.falseGuards().isEmpty() ? d.falseGuards().get(0)
                : d.differences().get(0).kind() + ":" + d.differences().get(0).name();
        Files.writeString(dir.resolve("expected.txt"), name + " " + d.eventIndex() + " " + condition + "\n",
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
