package org.jointraft.conformance.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh temporary folder that deletes itself and everything in it when closed: the scratch space of TLC runs,
 * hunts, shrinks, bug builds and benchmarks. Use it in try-with-resources.
 */
public final class ScratchFolder implements AutoCloseable {
    private final Path path;

    private ScratchFolder(Path path) {
        this.path = path;
    }

    /** A new folder in the system's temporary folder, its name starting with {@code prefix}. */
    public static ScratchFolder create(String prefix) throws IOException {
        return new ScratchFolder(Files.createTempDirectory(prefix));
    }

    /** A new folder in {@code parent}. */
    public static ScratchFolder create(Path parent, String prefix) throws IOException {
        return new ScratchFolder(Files.createTempDirectory(parent, prefix));
    }

    public Path path() {
        return path;
    }

    /** A path inside the folder. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Deletes the folder; best effort (a leftover temp file must not turn a verdict into a failure). */
    @Override
    public void close() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // best effort, as said
        }
    }
}
