package org.jointraft.conformance.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A fresh temporary folder that deletes itself and everything in it when closed: the scratch space of TLC runs,
 * hunts, shrinks, bug builds and benchmarks. Use it in try-with-resources. Until it is closed it is registered
 * with {@link ShutdownCleanup}, so that a stopped JVM deletes it too.
 */
public final class ScratchFolder implements AutoCloseable {
    private final Path path;
    private final ShutdownCleanup cleanup;

    private ScratchFolder(Path path, ShutdownCleanup cleanup) {
        this.path = path;
        this.cleanup = cleanup;
    }

    /** A new folder in the system's temporary folder, its name starting with {@code prefix}. */
    public static ScratchFolder create(String prefix) throws IOException {
        return create(Path.of(System.getProperty("java.io.tmpdir")), prefix);
    }

    /** A new folder in {@code parent}. */
    public static ScratchFolder create(Path parent, String prefix) throws IOException {
        return create(parent, prefix, ShutdownCleanup.JVM);
    }

    static ScratchFolder create(Path parent, String prefix, ShutdownCleanup cleanup) throws IOException {
        if (cleanup.stopping()) {
            throw new IOException(ShutdownCleanup.STOPPING);
        }
        ScratchFolder folder = new ScratchFolder(Files.createTempDirectory(parent, prefix), cleanup);
        if (!cleanup.add(folder)) {
            folder.delete(); // the shutdown hook ran while the folder was made
            throw new IOException(ShutdownCleanup.STOPPING);
        }
        return folder;
    }

    public Path path() {
        return path;
    }

    /** A path inside the folder. */
    public Path resolve(String name) {
        return path.resolve(name);
    }

    /** Deletes the folder and unregisters it. */
    @Override
    public void close() {
        delete();
        cleanup.remove(this);
    }

    /**
     * Best effort (a leftover temp file must not turn a verdict into a failure). A walk that meets a file being
     * created or removed by someone else gives up, so it is tried again.
     */
    void delete() {
        for (int attempt = 0; attempt < 3 && Files.exists(path); attempt++) {
            try (Stream<Path> paths = Files.walk(path)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException | UncheckedIOException e) {
                // best effort, as said
            }
        }
    }
}
