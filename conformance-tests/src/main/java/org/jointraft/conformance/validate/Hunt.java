package org.jointraft.conformance.validate;

import com.fasterxml.jackson.annotation.JsonValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.jointraft.conformance.io.ScratchFolder;
import org.jointraft.conformance.sim.Coverage;
import org.jointraft.conformance.sim.Shrinker;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.conformance.sim.Simulator;

/**
 * Bug hunting: simulates many random runs, has TLC validate every trace, and saves each run TLC rejects (or the
 * simulator's own safety checks stopped) with its diagnosis, in a folder of this hunt's own ({@link HuntFolder}),
 * as soon as its batch is judged. Runs are seeds {@code seed, seed + 1, ...} of one {@link SimOptions}; {@code jobs}
 * worker threads each simulate a batch and validate it in one TLC run. Then the saved failures are shrunk, in seed
 * order and {@code jobs} at a time, until a time budget shared by all of them is spent.
 */
public final class Hunt {
    /** The default of {@link Options#shrinkTime} in seconds: a hunt with dozens of failures still ends within minutes. */
    public static final int DEFAULT_SHRINK_SECONDS = 120;
    public static final Duration DEFAULT_SHRINK_TIME = Duration.ofSeconds(DEFAULT_SHRINK_SECONDS);
    /** {@link Options#maxFailures} when the hunt never stops early. */
    public static final int NO_LIMIT = Integer.MAX_VALUE;

    /**
     * What one hunt does. {@code out} receives the hunt's folder; {@code shrinkBudget} caps the candidates of one
     * shrink and {@code shrinkTime} all shrinking; after {@code maxFailures} failures no new batch starts.
     * {@code perSeed} gives the options of the run with a seed (for a mix of shapes each seed has its own; null:
     * {@code sim} with that seed); {@code sim} is the first run's.
     */
    public record Options(SimOptions sim, int runs, int jobs, Path out, boolean shrink, int shrinkBudget,
                          Duration shrinkTime, int maxFailures, LongFunction<SimOptions> perSeed) {
        public Options {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1, got " + runs);
            }
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
            }
            if (shrink && shrinkBudget < 1) {
                throw new IllegalArgumentException("the shrink budget must be at least 1 candidate, got " + shrinkBudget);
            }
            if (shrink && (shrinkTime.isNegative() || shrinkTime.isZero())) {
                throw new IllegalArgumentException("the shrink time must be positive, got " + shrinkTime);
            }
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maxFailures must be at least 1, got " + maxFailures);
            }
        }

        /** Every run with {@code sim}'s options and its own seed. */
        public Options(SimOptions sim, int runs, int jobs, Path out, boolean shrink, int shrinkBudget,
                Duration shrinkTime, int maxFailures) {
            this(sim, runs, jobs, out, shrink, shrinkBudget, shrinkTime, maxFailures, null);
        }

        /** Shrinking for at most {@link #DEFAULT_SHRINK_TIME}, no failure limit. */
        public Options(SimOptions sim, int runs, int jobs, Path out, boolean shrink, int shrinkBudget) {
            this(sim, runs, jobs, out, shrink, shrinkBudget, DEFAULT_SHRINK_TIME, NO_LIMIT);
        }

        /** The options of the run with {@code seed}. */
        public SimOptions options(long seed) {
            return perSeed == null ? sim.withSeed(seed) : perSeed.apply(seed);
        }
    }

    /** What a hunt tells while it works. Calls never overlap. */
    public interface Progress {
        /** After each batch: runs done so far, rejected, unsafe and failing the liveness phase so far. */
        void update(int done, int rejected, int unsafe, int stuck);

        /** A line for a person: a failure saved (or not), the failure limit reached, a shrink's progress. */
        default void note(String line) {
        }
    }

    /** Judges traces, as {@link TraceValidator#validate(List)} does (tests pass their own). */
    @FunctionalInterface
    public interface Judge {
        List<Verdict> validate(List<Path> traces) throws IOException;
    }

    /** {@code --out} cannot hold a hunt's folder; thrown before any run is made. */
    public static final class OutputException extends IOException {
        OutputException(Path out, Exception cause) {
            super("cannot create a hunt folder in " + out + " (" + cause.getClass().getSimpleName() + ": "
                    + cause.getMessage() + ")", cause);
        }
    }

    /**
     * A run that went wrong. {@code saved} is its folder (with {@code trace.ndjson}, {@code diagnosis.txt},
     * {@code reproduce.txt}), null when saving failed, {@code saveError} saying why; {@code verdict.trace()} is the
     * saved trace when there is one. {@code shrunk} is null when the run was not shrunk, {@code notShrunk} saying why.
     * With {@link FailureKind#UNSAFE}, {@code verdict} says what TLC made of its trace; {@code safe} is false when
     * the simulator's safety checks stopped the run (also possible for a rejected one).
     */
    public record Failure(long seed, FailureKind kind, String detail, SimOptions options, boolean safe, Verdict verdict,
                          Path saved, String saveError, Shrunk shrunk, String notShrunk) {
        /** The saved trace, or null when the run could not be saved. */
        public Path trace() {
            return saved == null ? null : saved.resolve(HuntFolder.TRACE);
        }

        Failure withShrunk(Shrunk s, String why) {
            return new Failure(seed, kind, detail, options, safe, verdict, saved, saveError, s, why);
        }
    }

    /** How a run went wrong (written in lower case in reports). */
    public enum FailureKind {
        /** TLC rejected its trace. */
        REJECTED,
        /** The simulator's safety checks stopped it. */
        UNSAFE,
        /** TLC accepted its trace and it was safe, but the liveness phase failed (the detail names the condition). */
        LIVENESS;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * The smallest still-failing options the shrinker found, with their saved trace ({@code shrunk.ndjson}) and
     * verdict, the candidates it tried, why it ended and how long it took.
     */
    public record Shrunk(SimOptions options, Path trace, long events, boolean safe, Verdict verdict, String detail,
                         int candidates, Shrinker.End end, double seconds) { }

    /**
     * The outcome of a hunt: {@code runs} made of {@code requested} (fewer when the failure limit stopped it),
     * {@code folder} the hunt's folder (null when nothing was saved, as it is then removed again), {@code coverage}
     * the runs that reached each hard path ({@link Coverage.Counter} name to runs, every counter, in order).
     */
    public record Report(int requested, int runs, int accepted, int rejected, int unsafe, long events, long minEvents,
                         double seconds, Path folder, List<Failure> failures, Map<String, Long> coverage) {
        public Report {
            failures = List.copyOf(failures);
            coverage = Collections.unmodifiableMap(new LinkedHashMap<>(coverage));
        }

        /** A report whose runs reached no hard path. */
        public Report(int requested, int runs, int accepted, int rejected, int unsafe, long events, long minEvents,
                double seconds, Path folder, List<Failure> failures) {
            this(requested, runs, accepted, rejected, unsafe, events, minEvents, seconds, folder, failures,
                    new Coverage.Tally().asMap());
        }

        public double runsPerMinute() {
            return seconds == 0 ? 0 : runs * 60.0 / seconds;
        }

        public boolean stoppedEarly() {
            return runs < requested;
        }

        /** Runs whose liveness phase failed (safe, and their trace accepted). */
        public long livenessFailures() {
            return failures.stream().filter(f -> f.kind() == FailureKind.LIVENESS).count();
        }

        /** Failures that could not be saved. */
        public long unsaved() {
            return failures.stream().filter(f -> f.saved() == null).count();
        }
    }

    private final Judge judge;
    private final Clock clock;

    public Hunt(TraceValidator validator) {
        this(validator::validate, Clock.systemUTC());
    }

    /** A hunt judged by {@code judge}, naming its folder by {@code clock}'s time. */
    public Hunt(Judge judge, Clock clock) {
        this.judge = judge;
        this.clock = clock;
    }

    /**
     * Traces per TLC run: enough to amortise TLC's start (about 1.5 s), few enough that every job gets
     * several batches and the progress bar moves.
     */
    static int batchSize(int runs, int jobs) {
        return Math.max(10, Math.min(100, runs / (jobs * 2)));
    }

    /**
     * Runs the hunt. Its folder is created first: an {@code out} that cannot hold it fails with
     * {@link OutputException} before any run.
     */
    public Report run(Options o, Progress progress) throws IOException, InterruptedException {
        HuntFolder folder;
        try {
            folder = HuntFolder.create(o.out(), o.sim().seed(), clock);
        } catch (IOException | SecurityException e) {
            throw new OutputException(o.out(), e);
        }
        Progress serialised = new Serialised(progress);
        serialised.note("failures are saved in " + folder.path() + " (removed again if there is none)");
        try (ScratchFolder work = ScratchFolder.create("jointraft-hunt-")) {
            return run(o, serialised, folder, work.path());
        } finally {
            folder.removeIfEmpty();
        }
    }

    /** One batch's runs, summed, and its failures. */
    private record Batch(int runs, int accepted, int unsafe, long events, long minEvents, List<Failure> failures,
                         Coverage.Tally coverage) { }

    private Report run(Options o, Progress progress, HuntFolder folder, Path work)
            throws IOException, InterruptedException {
        long started = System.nanoTime();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger unsafe = new AtomicInteger();
        AtomicInteger stuck = new AtomicInteger();
        AtomicInteger found = new AtomicInteger();
        List<Batch> batches = Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(o.jobs());
        try {
            List<Future<?>> futures = new ArrayList<>();
            int size = batchSize(o.runs(), o.jobs());
            for (int from = 0; from < o.runs(); from += size) {
                int first = from;
                int count = Math.min(size, o.runs() - from);
                futures.add(pool.submit(() -> {
                    if (found.get() >= o.maxFailures()) {
                        return null; // the limit is reached: no new batch
                    }
                    Batch b = simulateAndValidate(o, first, count, work, folder, progress);
                    batches.add(b);
                    int before = found.getAndAdd(b.failures().size());
                    if (before < o.maxFailures() && before + b.failures().size() >= o.maxFailures()) {
                        progress.note("stopping: " + (before + b.failures().size()) + " failure(s) reached the limit of "
                                + o.maxFailures() + "; the batches already running finish, no new one starts");
                    }
                    progress.update(done.addAndGet(count), rejected.addAndGet(b.runs() - b.accepted()),
                            unsafe.addAndGet(b.unsafe()), stuck.addAndGet((int) b.failures().stream()
                                    .filter(f -> f.kind() == FailureKind.LIVENESS).count()));
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            progress.note("the hunt stopped on an error; the " + found.get() + " failure(s) found so far are saved in "
                    + folder.path());
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause);
        } finally {
            // Interrupts the other jobs; the TLC driver then kills their TLC processes.
            pool.shutdownNow();
        }
        List<Failure> failures = new ArrayList<>();
        long events = 0;
        long minEvents = Long.MAX_VALUE;
        int accepted = 0;
        Coverage.Tally coverage = new Coverage.Tally();
        for (Batch b : batches) {
            coverage.addAll(b.coverage());
            failures.addAll(b.failures());
            events += b.events();
            minEvents = Math.min(minEvents, b.minEvents());
            accepted += b.accepted();
        }
        failures.sort(Comparator.comparingLong(Failure::seed));
        if (o.shrink()) {
            failures = shrinkAll(o, failures, progress);
        }
        return new Report(o.runs(), done.get(), accepted, done.get() - accepted, unsafe.get(), events, minEvents,
                (System.nanoTime() - started) / 1e9, folder.removeIfEmpty(), failures, coverage.asMap());
    }

    private Batch simulateAndValidate(Options o, int first, int count, Path work, HuntFolder folder,
            Progress progress) throws IOException {
        List<SimResult> sims = new ArrayList<>();
        List<Path> traces = new ArrayList<>();
        long seed0 = o.sim().seed();
        for (int k = first; k < first + count; k++) {
            SimOptions opts = o.options(seed0 + k).withTrace(work.resolve("run-" + (seed0 + k) + ".ndjson"));
            sims.add(Simulator.run(opts));
            traces.add(opts.trace());
        }
        List<Verdict> verdicts = judge.validate(traces);
        List<Failure> failures = new ArrayList<>();
        int accepted = 0;
        int unsafe = 0;
        long events = 0;
        long minEvents = Long.MAX_VALUE;
        Coverage.Tally coverage = new Coverage.Tally();
        for (int k = 0; k < count; k++) {
            SimResult sim = sims.get(k);
            coverage.add(sim.coverage());
            Verdict v = verdicts.get(k);
            events += v.events();
            minEvents = Math.min(minEvents, v.events());
            accepted += v.accepted() ? 1 : 0;
            unsafe += sim.safe() ? 0 : 1;
            if (!v.accepted() || !sim.passed()) {
                Failure f = save(folder, sim, v);
                failures.add(f);
                progress.note(f.saved() != null ? line(f) + ": saved in " + f.saved()
                        : line(f) + ": NOT SAVED (" + f.saveError() + "); it is regenerated by ./jointraft simulate --seed "
                        + f.seed() + " " + f.options().format());
            }
            Files.deleteIfExists(traces.get(k));
        }
        return new Batch(count, accepted, unsafe, events, minEvents, failures, coverage);
    }

    private static String line(Failure f) {
        return f.kind().name() + " seed " + f.seed() + " (" + f.detail() + ")";
    }

    /** Saves a failing run at once, so that nothing found is lost when the hunt is stopped later. */
    private Failure save(HuntFolder folder, SimResult sim, Verdict v) {
        SimOptions opts = sim.options();
        FailureKind kind = !v.accepted() ? FailureKind.REJECTED : !sim.safe() ? FailureKind.UNSAFE
                : FailureKind.LIVENESS;
        String detail = switch (kind) {
            case REJECTED -> v.reason();
            case UNSAFE -> sim.violation().describe();
            case LIVENESS -> sim.liveness().violation().describe();
        };
        try {
            Path dir = folder.failureFolder(opts.seed());
            Path trace = dir.resolve(HuntFolder.TRACE);
            Files.copy(opts.trace(), trace);
            Files.writeString(dir.resolve(HuntFolder.DIAGNOSIS), describe(sim, v), StandardCharsets.UTF_8);
            Failure f = new Failure(opts.seed(), kind, detail, opts.withTrace(null), sim.safe(), at(v, trace), dir, null,
                    null, "shrinking is off");
            writeReproduce(f);
            return f;
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return new Failure(opts.seed(), kind, detail, opts.withTrace(null), sim.safe(), v, null,
                    e.getClass().getSimpleName() + ": " + e.getMessage(), null, "not saved");
        }
    }

    /** {@code v} for the same trace bytes at {@code trace}. */
    private static Verdict at(Verdict v, Path trace) {
        return new Verdict(trace, v.events(), v.accepted(), v.diagnosis(), v.seconds());
    }

    private static void writeReproduce(Failure f) throws IOException {
        Files.writeString(f.saved().resolve(HuntFolder.REPRODUCE), HuntFolder.reproduce(f), StandardCharsets.UTF_8);
    }

    /** Shrinks the saved failures in seed order, {@code jobs} at a time, while the shared time budget lasts. */
    private List<Failure> shrinkAll(Options o, List<Failure> failures, Progress progress) throws InterruptedException {
        List<Failure> saved = failures.stream().filter(f -> f.saved() != null).toList();
        if (saved.isEmpty()) {
            return failures;
        }
        long deadline = System.nanoTime() + o.shrinkTime().toNanos();
        int jobs = Math.min(o.jobs(), saved.size());
        progress.note("shrinking " + saved.size() + " failure(s) in seed order, " + jobs + " at a time, at most "
                + o.shrinkBudget() + " candidates each and " + o.shrinkTime().toSeconds() + " s in all");
        AtomicInteger finished = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        List<Failure> result = new ArrayList<>();
        try {
            List<Future<Failure>> futures = new ArrayList<>();
            for (Failure f : failures) {
                futures.add(f.saved() == null ? null : pool.submit(() -> {
                    Failure s = shrink(o, f, deadline, progress);
                    if (s.shrunk() != null) {
                        progress.note(shrunkLine(s, finished.incrementAndGet(), saved.size()));
                    }
                    return s;
                }));
            }
            for (int k = 0; k < failures.size(); k++) {
                result.add(futures.get(k) == null ? failures.get(k) : futures.get(k).get());
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("shrinking failed", e.getCause()); // shrink catches what it expects
        } finally {
            pool.shutdownNow();
        }
        long skipped = result.stream().filter(f -> f.saved() != null && f.shrunk() == null).count();
        if (skipped > 0) {
            progress.note(skipped + " failure(s) saved unshrunk: the shrink time of " + o.shrinkTime().toSeconds()
                    + " s was spent before their turn, or their shrink failed (see each one's notShrunk)");
        }
        return result;
    }

    private static String shrunkLine(Failure f, int n, int of) {
        Shrunk s = f.shrunk();
        String why = switch (s.end()) {
            case NOTHING_SMALLER_FAILS -> "";
            case CANDIDATES_SPENT -> ", stopped at the candidate budget";
            case TIME_UP -> ", stopped by the shrink time";
        };
        return String.format(Locale.ROOT, "shrunk %d/%d: seed %d from %d steps, %d events to %d steps, %d events "
                + "(%d candidates, %.0f s%s)", n, of, f.seed(), f.options().steps(), f.verdict().events(),
                s.options().steps(), s.events(), s.candidates(), s.seconds(), why);
    }

    /** A candidate that failed, with TLC's verdict when TLC judged it. */
    private record Candidate(SimOptions options, Verdict verdict) { }

    /** Shrinks one saved failure with the same kind of failure as the predicate, each candidate judged by TLC. */
    private Failure shrink(Options o, Failure f, long deadline, Progress progress) {
        if (System.nanoTime() >= deadline) {
            return f.withShrunk(null, "the shrink time was spent before its turn");
        }
        long started = System.nanoTime();
        try (ScratchFolder scratch = ScratchFolder.create("jointraft-shrink-")) {
            Path candidateTrace = scratch.resolve("candidate.ndjson");
            AtomicReference<Candidate> last = new AtomicReference<>(new Candidate(f.options(), f.verdict()));
            AtomicInteger tried = new AtomicInteger();
            Predicate<SimOptions> stillFails = c -> {
                try {
                    SimResult r = Simulator.run(c.withTrace(candidateTrace));
                    boolean rejected = f.kind() == FailureKind.REJECTED && f.safe();
                    Verdict v = rejected ? judge.validate(List.of(candidateTrace)).get(0) : null;
                    boolean fails = f.kind() == FailureKind.LIVENESS ? r.livenessFailed()
                            : rejected ? !v.accepted() : !r.safe();
                    if (fails) {
                        last.set(new Candidate(c, v));
                    }
                    if (tried.incrementAndGet() % 10 == 0) {
                        progress.note("  shrinking seed " + f.seed() + ": " + tried.get() + " candidates, smallest "
                                + "failing so far " + last.get().options().steps() + " steps");
                    }
                    return fails;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            };
            Shrinker.Result r = Shrinker.shrinkFailing(f.options(), stillFails, o.shrinkBudget(),
                    () -> System.nanoTime() >= deadline);
            return f.withShrunk(saveShrunk(f, r, last.get(), started), null);
        } catch (IOException | RuntimeException e) {
            return f.withShrunk(null, "shrinking failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Shrunk saveShrunk(Failure f, Shrinker.Result r, Candidate last, long started) throws IOException {
        Path trace = f.saved().resolve(HuntFolder.SHRUNK);
        SimResult sim = Simulator.run(r.smallest().withTrace(trace));
        // The simulator is deterministic: the last failing candidate's verdict is the verdict of these bytes.
        Verdict v = last.options().equals(r.smallest()) && last.verdict() != null ? at(last.verdict(), trace)
                : judge.validate(List.of(trace)).get(0);
        Files.writeString(f.saved().resolve(HuntFolder.SHRUNK_DIAGNOSIS), describe(sim, v), StandardCharsets.UTF_8);
        String detail = !f.safe() && !sim.safe() ? sim.violation().describe()
                : f.kind() == FailureKind.LIVENESS && sim.livenessFailed() ? sim.liveness().violation().describe()
                : v.reason();
        Shrunk s = new Shrunk(r.smallest(), trace, sim.events(), sim.safe(), v, detail, r.candidates(), r.end(),
                (System.nanoTime() - started) / 1e9);
        writeReproduce(f.withShrunk(s, null));
        return s;
    }

    static String describe(SimResult sim, Verdict v) {
        StringBuilder s = new StringBuilder();
        s.append("seed ").append(sim.options().seed()).append(", options ").append(sim.options().format()).append('\n');
        s.append(sim.events()).append(" events, ").append(sim.ticks()).append(" ticks\n");
        if (!sim.safe()) {
            s.append("simulator safety check: ").append(sim.violation().describe()).append('\n');
        }
        if (sim.liveness() != null) {
            s.append(sim.liveness().describe()).append('\n');
        }
        s.append(v.accepted() ? "TLC: accepted\n" : "TLC: " + v.diagnosis().orElseThrow().render());
        return s.toString();
    }

    /** Passes a hunt's calls from its worker threads on one at a time. */
    private record Serialised(Progress inner) implements Progress {
        @Override
        public synchronized void update(int done, int rejected, int unsafe, int stuck) {
            inner.update(done, rejected, unsafe, stuck);
        }

        @Override
        public synchronized void note(String line) {
            inner.note(line);
        }
    }
}
