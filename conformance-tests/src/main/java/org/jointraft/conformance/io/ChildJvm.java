package org.jointraft.conformance.io;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A forked JVM (a TLC run, a bug-zoo hunt) that cannot outlive this one: its main class runs under
 * {@link ParentWatch}, which halts it when this JVM dies, however it dies; while it runs it is registered with
 * {@link ShutdownCleanup}, which kills it when this JVM shuts down. Close it in try-with-resources: closing kills
 * whatever of it is still running.
 */
public final class ChildJvm implements AutoCloseable {
    /** How long a killed process may take to be gone. */
    private static final long EXIT_WAIT_SECONDS = 10;

    private final Process process;
    private final ShutdownCleanup cleanup;

    private ChildJvm(Process process, ShutdownCleanup cleanup) {
        this.process = process;
        this.cleanup = cleanup;
    }

    /**
     * The command line of a JVM that runs {@code mainClass} with {@code args}, watched by {@link ParentWatch}.
     * The classpath gets this project's classes appended when it lacks them (they hold ParentWatch).
     * No perf-data file: a killed JVM would leave its file in the system's temp folder.
     */
    public static List<String> command(Path java, List<String> jvmOptions, String classpath, String mainClass,
                                       List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("-XX:-UsePerfData");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", withOwnClasses(classpath), ParentWatch.class.getName(), mainClass));
        command.addAll(args);
        return command;
    }

    /** Starts {@code builder}, whose command comes from {@link #command}; its standard input must stay a pipe. */
    public static ChildJvm start(ProcessBuilder builder) throws IOException {
        return start(builder, ShutdownCleanup.JVM);
    }

    static ChildJvm start(ProcessBuilder builder, ShutdownCleanup cleanup) throws IOException {
        if (builder.redirectInput() != ProcessBuilder.Redirect.PIPE) {
            throw new IllegalArgumentException("a child JVM's standard input must be a pipe: ParentWatch reads it");
        }
        cleanup.checkNotStopping();
        ChildJvm child = new ChildJvm(builder.start(), cleanup);
        if (!cleanup.add(child)) {
            child.close(); // the shutdown hook ran while the process started
            throw new IllegalStateException(ShutdownCleanup.STOPPING);
        }
        return child;
    }

    public Process process() {
        return process;
    }

    /** Kills the process and its descendants, without waiting; returns what it killed. */
    List<ProcessHandle> destroyTree() {
        // The descendants first as a list: once the process is dead they are no longer its descendants.
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(0, process.toHandle());
        tree.forEach(ProcessHandle::destroyForcibly);
        return tree;
    }

    /** Kills what is left of the process tree and waits until it is gone. */
    public void stop() {
        if (process.isAlive()) {
            awaitExit(destroyTree());
        }
    }

    /** Stops the process if it still runs, closes its input and unregisters it. */
    @Override
    public void close() {
        stop();
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the pipe of a dead process: nothing to release
        }
        cleanup.remove(this);
    }

    static void awaitExit(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(EXIT_WAIT_SECONDS);
        for (ProcessHandle p : processes) {
            try {
                p.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // killed with SIGKILL: it goes; waiting longer would only hold up this JVM's own exit
            }
        }
    }

    private static String withOwnClasses(String classpath) {
        String own;
        try {
            own = Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return classpath;
        }
        List<String> entries = List.of(classpath.split(File.pathSeparator));
        return entries.contains(own) ? classpath : classpath + File.pathSeparator + own;
    }
}
