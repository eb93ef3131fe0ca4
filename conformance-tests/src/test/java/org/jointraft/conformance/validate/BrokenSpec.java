package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jointraft.conformance.tlc.SpecSource;

/** A copy of the working tree's spec whose Timeout adds 2 to the term: TLC rejects every run that has an election. */
public final class BrokenSpec {
    private BrokenSpec() {
    }

    /** The validator of that spec, copied into {@code dir}. */
    public static TraceValidator validator(Path dir) throws IOException {
        return TraceValidator.local().withSpec(SpecSource.directory(timeoutAddsTwo(dir)));
    }

    /** The copy itself, in {@code dir}/broken-spec. */
    public static Path timeoutAddsTwo(Path dir) throws IOException {
        return edited(dir, "JointRaft.tla", "currentTerm'  = [currentTerm EXCEPT ![i] = @ + 1]",
                "currentTerm'  = [currentTerm EXCEPT ![i] = @ + 2]");
    }

    /** A copy in {@code dir}/broken-spec whose {@code file} has its first {@code from} replaced by {@code to}. */
    public static Path edited(Path dir, String file, String from, String to) throws IOException {
        Path spec = Files.createDirectories(dir.resolve("broken-spec"));
        try (Stream<Path> files = Files.list(Path.of("..", "spec"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".tla") || f.toString().endsWith(".cfg")).toList()) {
                Files.copy(f, spec.resolve(f.getFileName()));
            }
        }
        Path edited = spec.resolve(file);
        String text = Files.readString(edited);
        int at = text.indexOf(from);
        assertThat(at).as("%s contains %s", file, from).isNotNegative();
        Files.writeString(edited, text.substring(0, at) + to + text.substring(at + from.length()));
        return spec;
    }
}
