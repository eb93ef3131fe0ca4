package org.jointraft.conformance.tlc;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to model-check and how: one immutable request for {@link TlcDriver#run}. Build it with
 * {@link #of(String)}; the defaults are the project's spec from the classpath, the cfg file named
 * after the module, one worker, no time limit and TLC's deadlock check on.
 *
 * @param module      the root module, e.g. "MCJointRaft"
 * @param cfgName     the cfg file to use, relative to the spec files ("MCJointRaft_faq.cfg")
 * @param cfgText     cfg content written next to the spec files instead of using {@code cfgName}, or null
 * @param spec        where the .tla/.cfg files come from
 * @param extraFiles  file name (relative) to content, written after the spec files, replacing same-named ones
 * @param tlcOptions  further TLC options, e.g. "-deadlock", "-workers", "2"
 * @param jvmOptions  options of the forked JVM, e.g. "-Xmx2g"
 * @param timeout     wall-clock limit of the run, or null for none
 * @param listener    receives messages and progress while TLC runs
 * @param captureUserFile when true, PrintT output goes to a -userFile whose content the result exposes
 * @param stopWhen    polled while TLC runs; once true, TLC is stopped and what it printed so far is the result
 * @param budget      wall-clock time after which TLC is stopped as planned (a simulation's time budget), or null
 * @param distributed run TLC's distributed mode (a TLCServer and local TLCWorker JVMs), or null
 */
public record TlcRun(String module, String cfgName, String cfgText, SpecSource spec,
                     Map<String, byte[]> extraFiles, List<String> tlcOptions, List<String> jvmOptions,
                     Duration timeout, TlcListener listener, boolean captureUserFile,
                     java.util.function.BooleanSupplier stopWhen, Duration budget, Distributed distributed) {

    /** The options the forked JVM gets unless a run replaces them; TLC recommends the parallel collector. */
    public static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseParallelGC", "-Dfile.encoding=UTF-8");

    public TlcRun {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(spec, "spec");
        extraFiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extraFiles));
        tlcOptions = List.copyOf(tlcOptions);
        jvmOptions = List.copyOf(jvmOptions);
        listener = listener == null ? TlcListener.NONE : listener;
        stopWhen = stopWhen == null ? () -> false : stopWhen;
    }

    /**
     * TLC's distributed mode: {@code tlc2.tool.distributed.TLCServer} on {@code port} (0: a free one) and
     * {@code localWorkers} {@code TLCWorker} JVMs on this machine with {@code threadsPerWorker} threads each.
     * {@code serverHost}, when not null, is the server's {@code java.rmi.server.hostname} (the name other machines
     * reach it by). {@code onPort} learns the port once chosen (to tell people how to add remote workers).
     */
    public record Distributed(int localWorkers, int threadsPerWorker, int port, String serverHost,
                              java.util.function.IntConsumer onPort) {
        public Distributed {
            if (localWorkers < 0 || threadsPerWorker < 1 || port < 0 || port > 65535) {
                throw new IllegalArgumentException("bad distributed settings: " + localWorkers + " workers, "
                        + threadsPerWorker + " threads, port " + port);
            }
            onPort = onPort == null ? p -> { } : onPort;
        }
    }

    public static Builder of(String module) {
        return new Builder(module);
    }

    Optional<Duration> timeLimit() {
        return Optional.ofNullable(timeout);
    }

    /** Accumulates the settings of a run; every method returns this builder. */
    public static final class Builder {
        private final String module;
        private String cfgName;
        private String cfgText;
        private SpecSource spec = SpecSource.projectSpec();
        private final Map<String, byte[]> extraFiles = new LinkedHashMap<>();
        private final List<String> tlcOptions = new ArrayList<>();
        private final List<String> jvmOptions = new ArrayList<>(DEFAULT_JVM_OPTIONS);
        private Duration timeout;
        private TlcListener listener = TlcListener.NONE;
        private boolean captureUserFile;
        private java.util.function.BooleanSupplier stopWhen;
        private Duration budget;
        private Distributed distributed;

        private Builder(String module) {
            this.module = module;
            this.cfgName = module + ".cfg";
        }

        public Builder cfg(String fileName) {
            this.cfgName = fileName;
            this.cfgText = null;
            return this;
        }

        public Builder cfgText(String text) {
            this.cfgText = text;
            return this;
        }

        public Builder spec(SpecSource source) {
            this.spec = source;
            return this;
        }

        public Builder extraFile(String name, String content) {
            return extraFile(name, content.getBytes(StandardCharsets.UTF_8));
        }

        public Builder extraFile(String name, byte[] content) {
            extraFiles.put(name, content.clone());
            return this;
        }

        public Builder tlcOptions(String... options) {
            tlcOptions.addAll(List.of(options));
            return this;
        }

        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("workers must be at least 1, got " + workers);
            }
            return tlcOptions("-workers", Integer.toString(workers));
        }

        /** TLC's "-deadlock" switch: do not report states without successors. */
        public Builder noDeadlockCheck() {
            return tlcOptions("-deadlock");
        }

        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        public Builder replaceJvmOptions(List<String> options) {
            jvmOptions.clear();
            jvmOptions.addAll(options);
            return this;
        }

        public Builder timeout(Duration limit) {
            this.timeout = limit;
            return this;
        }

        public Builder listener(TlcListener l) {
            this.listener = l;
            return this;
        }

        public Builder captureUserFile() {
            this.captureUserFile = true;
            return this;
        }

        /** Stops TLC as soon as {@code condition} holds (polled a few times a second). */
        public Builder stopWhen(java.util.function.BooleanSupplier condition) {
            this.stopWhen = condition;
            return this;
        }

        /** Stops TLC after {@code limit} as planned: not an error (unlike {@link #timeout}). */
        public Builder budget(Duration limit) {
            this.budget = limit;
            return this;
        }

        public Builder distributed(Distributed settings) {
            this.distributed = settings;
            return this;
        }

        /** The number given with the last "-workers" option, else 1. */
        int workerCount() {
            int n = 1;
            for (int i = 0; i + 1 < tlcOptions.size(); i++) {
                if (tlcOptions.get(i).equals("-workers")) {
                    n = Integer.parseInt(tlcOptions.get(i + 1));
                }
            }
            return n;
        }

        public TlcRun build() {
            return new TlcRun(module, cfgName, cfgText, spec, extraFiles, tlcOptions, jvmOptions, timeout,
                    listener, captureUserFile, stopWhen, budget, distributed);
        }
    }
}
