package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Deliberately wrong copies of the working tree's spec, for tests that need TLC to reject real runs. */
final class BrokenSpecs {
    private BrokenSpecs() { }

    /** A copy in {@code dir} whose Timeout adds 2 to the term: TLC rejects every run that has an election. */
    static Path timeoutAddsTwo(Path dir) throws IOException {
        Path spec = Files.createDirectories(dir.resolve("broken-spec"));
        try (Stream<Path> files = Files.list(Path.of("..", "spec"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".tla") || f.toString().endsWith(".cfg")).toList()) {
                Files.copy(f, spec.resolve(f.getFileName()));
            }
        }
        Path jointRaft = spec.resolve("JointRaft.tla");
        String text = Files.readString(jointRaft);
        String broken = text.replace("currentTerm'  = [currentTerm EXCEPT ![i] = @ + 1]",
                "currentTerm'  = [currentTerm EXCEPT ![i] = @ + 2]");
        assertThat(broken).isNotEqualTo(text);
        Files.writeString(jointRaft, broken);
        return spec;
    }
}
