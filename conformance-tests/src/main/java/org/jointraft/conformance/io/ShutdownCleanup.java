package org.jointraft.conformance.io;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a stopping JVM must not leave behind: the child JVMs it started and the scratch folders it made. Both
 * register here while they live; when the JVM shuts down (normal exit, Ctrl-C, SIGTERM) the hook kills every
 * child with its descendants, waits for them, and then deletes every folder. From then on nothing new may start:
 * {@link #stopping()} tells the threads still running that their work is being thrown away.
 */
public final class ShutdownCleanup {
    /** The registry of this JVM; its hook is installed when the class is first used. */
    public static final ShutdownCleanup JVM = new ShutdownCleanup();
    static final String STOPPING = "jointraft is stopping";

    /** How often, and how far apart, the hook looks again for folders that threads still busy re-created. */
    private static final int SETTLE_CHECKS = 5;
    private static final long SETTLE_MILLIS = 60;

    private final Set<ChildJvm> children = new LinkedHashSet<>();
    private final Set<ScratchFolder> folders = new LinkedHashSet<>();
    private boolean stopping;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(JVM::stop, "jointraft-shutdown-cleanup"));
        } catch (IllegalStateException alreadyShuttingDown) {
            JVM.stop();
        }
    }

    ShutdownCleanup() {
    }

    /** True once the JVM is shutting down: a result computed now would only be thrown away. */
    public synchronized boolean stopping() {
        return stopping;
    }

    /** Throws when the JVM is shutting down; for loops that create files, so that they stop re-creating them. */
    public void checkNotStopping() {
        if (stopping()) {
            throw new IllegalStateException(STOPPING);
        }
    }

    synchronized boolean add(ChildJvm child) {
        return !stopping && children.add(child);
    }

    synchronized void remove(ChildJvm child) {
        children.remove(child);
    }

    synchronized boolean add(ScratchFolder folder) {
        return !stopping && folders.add(folder);
    }

    synchronized void remove(ScratchFolder folder) {
        folders.remove(folder);
    }

    /**
     * Kills the children, then deletes the folders (a child may still be writing into one until it is dead).
     * Threads of this JVM keep running while the hook runs and may re-create a folder they were writing into
     * (createDirectories makes parents), so the folders are checked a few more times after the first deletion.
     */
    void stop() {
        List<ChildJvm> kill;
        List<ScratchFolder> delete;
        synchronized (this) {
            stopping = true;
            kill = new ArrayList<>(children);
            delete = new ArrayList<>(folders);
        }
        if (kill.isEmpty() && delete.isEmpty()) {
            return; // a normal exit: everything was closed already
        }
        List<ProcessHandle> killed = new ArrayList<>();
        kill.forEach(c -> killed.addAll(c.destroyTree()));
        ChildJvm.awaitExit(killed);
        delete.forEach(ScratchFolder::delete);
        for (int quiet = 0, checks = 0; quiet < 2 && checks < SETTLE_CHECKS; checks++) {
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            List<ScratchFolder> back = delete.stream().filter(f -> Files.exists(f.path())).toList();
            back.forEach(ScratchFolder::delete);
            quiet = back.isEmpty() ? quiet + 1 : 0;
        }
    }
}
