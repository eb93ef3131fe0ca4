package org.jointraft.conformance.validate;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.jointraft.conformance.io.ScratchFolder;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.conformance.sim.Shrinker;
import org.jointraft.conformance.sim.Simulator;

/**
 * Bug hunting: simulates many random runs, has TLC validate every trace, and for each trace TLC rejects
 * (or each run the simulator's own safety checks stopped) saves the trace, its diagnosis and a shrunk
 * reproduction. Runs are seeds {@code seed, seed + 1, ...} of one {@link SimOptions}; {@code jobs} worker
 * threads each simulate a batch and validate it in one TLC run.
 */
public final class Hunt {

    /** What one hunt does. {@code out} receives the failures (created only when there is one). */
    public record Options(SimOptions sim, int runs, int jobs, Path out, boolean shrink, int shrinkBudget) {
        public Options {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
            }
        }
    }

    /** Called after each batch: runs done so far, rejected so far, unsafe so far. */
    public interface Progress {
        void update(int done, int rejected, int unsafe);
    }

    /** A run that went wrong; with {@link FailureKind#UNSAFE}, {@code verdict} says what TLC made of its trace. */
    public record Failure(long seed, FailureKind kind, String detail, Verdict verdict, Path saved, Shrunk shrunk) { }

    /** How a run went wrong (written in lower case in reports). */
    public enum FailureKind {
        /** TLC rejected its trace. */
        REJECTED,
        /** The simulator's safety checks stopped it. */
        UNSAFE;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The smallest still-failing options the shrinker found, with their trace and verdict. */
    public record Shrunk(SimOptions options, Path trace, long events, Verdict verdict, String detail) { }

    /** The outcome of a hunt. */
    public record Report(int runs, int accepted, int rejected, int unsafe, long events, long minEvents,
                         double seconds, List<Failure> failures) {
        public Report {
            failures = List.copyOf(failures);
        }

        public double runsPerMinute() {
            return seconds == 0 ? 0 : runs * 60.0 / seconds;
        }
    }

    private final TraceValidator validator;

    public Hunt(TraceValidator validator) {
        this.validator = validator;
    }

    /**
     * Traces per TLC run: enough to amortise TLC's start (about 1.5 s), few enough that every job gets
     * several batches and the progress bar moves.
     */
    static int batchSize(int runs, int jobs) {
        return Math.max(10, Math.min(100, runs / (jobs * 2)));
    }

    public Report run(Options o, Progress progress) throws IOException, InterruptedException {
        try (ScratchFolder work = ScratchFolder.create("jointraft-hunt-")) {
            return run(o, progress, work.path());
        }
    }

    private Report run(Options o, Progress progress, Path work) throws IOException, InterruptedException {
        long started = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger unsafe = new AtomicInteger();
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(o.jobs());
        try {
            List<Future<?>> futures = new ArrayList<>();
            int size = batchSize(o.runs(), o.jobs());
            for (int from = 0; from < o.runs(); from += size) {
                int first = from;
                int count = Math.min(size, o.runs() - from);
                futures.add(pool.submit(() -> {
                    List<Outcome> batch = simulateAndValidate(o.sim(), first, count, work);
                    outcomes.addAll(batch);
                    for (Outcome b : batch) {
                        if (!b.verdict().accepted()) {
                            rejected.incrementAndGet();
                        }
                        if (!b.sim().safe()) {
                            unsafe.incrementAndGet();
                        }
                    }
                    synchronized (progress) {
                        progress.update(done.addAndGet(count), rejected.get(), unsafe.get());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause);
        } finally {
            // Interrupts the other jobs; the TLC driver then kills their TLC processes.
            pool.shutdownNow();
        }
        outcomes.sort((a, b) -> Long.compare(a.sim().options().seed(), b.sim().options().seed()));
        List<Failure> failures = new ArrayList<>();
        long events = 0;
        long minEvents = Long.MAX_VALUE;
        int accepted = 0;
        for (Outcome oc : outcomes) {
            events += oc.verdict().events();
            minEvents = Math.min(minEvents, oc.verdict().events());
            if (oc.verdict().accepted()) {
                accepted++;
            }
            if (oc.failed()) {
                failures.add(save(o, oc));
            }
        }
        return new Report(o.runs(), accepted, o.runs() - accepted, unsafe.get(), events, minEvents,
                (System.nanoTime() - started) / 1e9, failures);
    }

    /** One simulated run and TLC's verdict on its trace. */
    record Outcome(SimResult sim, Verdict verdict) {
        boolean failed() {
            return !verdict.accepted() || !sim.safe();
        }
    }

    private List<Outcome> simulateAndValidate(SimOptions base, int first, int count, Path work) throws IOException {
        List<SimResult> sims = new ArrayList<>();
        List<Path> traces = new ArrayList<>();
        for (int k = first; k < first + count; k++) {
            SimOptions opts = base.withSeed(base.seed() + k).withTrace(work.resolve("run-" + (base.seed() + k) + ".ndjson"));
            sims.add(Simulator.run(opts));
            traces.add(opts.trace());
        }
        List<Verdict> verdicts = validator.validate(traces);
        List<Outcome> outcomes = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            Outcome oc = new Outcome(sims.get(k), verdicts.get(k));
            outcomes.add(oc);
            if (!oc.failed()) {
                Files.deleteIfExists(traces.get(k));
            }
        }
        return outcomes;
    }

    private Failure save(Options o, Outcome oc) throws IOException {
        SimOptions opts = oc.sim().options();
        long seed = opts.seed();
        FailureKind kind = oc.verdict().accepted() ? FailureKind.UNSAFE : FailureKind.REJECTED;
        String detail = kind == FailureKind.UNSAFE ? oc.sim().violation().describe() : oc.verdict().reason();
        Path dir = o.out().resolve("run-" + seed);
        Files.createDirectories(dir);
        Path trace = dir.resolve("trace.ndjson");
        Files.copy(opts.trace(), trace, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("diagnosis.txt"), describe(oc.sim(), oc.verdict()), StandardCharsets.UTF_8);
        Shrunk shrunk = o.shrink() ? shrink(o, oc, dir) : null;
        Files.writeString(dir.resolve("reproduce.txt"), reproduce(opts, shrunk), StandardCharsets.UTF_8);
        return new Failure(seed, kind, detail, oc.verdict(), dir, shrunk);
    }

    /** Shrinks with the same kind of failure as the predicate, re-validating every candidate with TLC. */
    private Shrunk shrink(Options o, Outcome oc, Path dir) throws IOException {
        try (ScratchFolder scratch = ScratchFolder.create("jointraft-shrink-")) {
            boolean unsafeRun = !oc.sim().safe();
            Predicate<SimOptions> stillFails = candidate -> {
                try {
                    Path t = scratch.resolve("candidate.ndjson");
                    SimResult r = Simulator.run(candidate.withTrace(t));
                    return unsafeRun ? !r.safe() : !validator.validate(t).accepted();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            SimOptions small = Shrinker.shrink(oc.sim().options().withTrace(null), stillFails, o.shrinkBudget());
            Path trace = dir.resolve("shrunk.ndjson");
            SimResult r = Simulator.run(small.withTrace(trace));
            Verdict v = validator.validate(trace);
            Files.writeString(dir.resolve("shrunk-diagnosis.txt"), describe(r, v), StandardCharsets.UTF_8);
            String detail = unsafeRun && !r.safe() ? r.violation().describe() : v.reason();
            return new Shrunk(small, trace, r.events(), v, detail);
        }
    }

    static String describe(SimResult sim, Verdict v) {
        StringBuilder s = new StringBuilder();
        s.append("seed ").append(sim.options().seed()).append(", options ").append(sim.options().format()).append('\n');
        s.append(sim.events()).append(" events, ").append(sim.ticks()).append(" ticks\n");
        if (!sim.safe()) {
            s.append("simulator safety check: ").append(sim.violation().describe()).append('\n');
        }
        s.append(v.accepted() ? "TLC: accepted\n" : "TLC: " + v.diagnosis().orElseThrow().render());
        return s.toString();
    }

    static String reproduce(SimOptions original, Shrunk shrunk) {
        StringBuilder s = new StringBuilder();
        s.append("./jointraft simulate --seed ").append(original.seed()).append(' ').append(original.format()).append('\n');
        if (shrunk != null) {
            s.append("./jointraft simulate --seed ").append(shrunk.options().seed()).append(' ')
                    .append(shrunk.options().format()).append("   # shrunk\n");
        }
        return s.toString();
    }
}
