package org.jointraft.conformance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.report.ReportContent;
import org.jointraft.conformance.sim.Coverage;
import org.jointraft.conformance.sim.Shape;
import org.jointraft.conformance.sim.SimFlags;
import org.jointraft.conformance.validate.Hunt;
import org.jointraft.conformance.validate.TraceValidator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jointraft hunt}: many random faulty runs, every trace judged by TLC, failures saved and shrunk. */
@Command(name = "hunt", mixinStandardHelpOptions = true,
        description = {"Simulates random runs with faults and validates every trace against the spec with TLC.",
                "Each rejected trace (and each run the simulator's safety checks stopped or whose liveness phase "
                        + "failed) is saved in --out with its diagnosis and a shrunk reproduction.",
                "Exit code 0: all accepted and safe; 1: some rejected or unsafe, all saved; 2: bad input, TLC failure, "
                        + "or a failure that could not be saved (the summary still lists it)."})
public final class HuntCommand implements Callable<Integer> {

    @Option(names = "--runs", defaultValue = "200", paramLabel = "N", converter = Range.Positive.class,
            description = "runs to simulate, at least 1. Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "seed of the first run; run k uses S + k. Default: ${DEFAULT-VALUE}")
    long seed;

    @Mixin
    SimFlags flags;

    @Mixin
    TlcJobs jobs;

    @Option(names = "--out", defaultValue = "hunt-failures", paramLabel = "DIR",
            description = "each hunt saves its failures in a new folder DIR/hunt-<UTC time>-seed<S>[-n] "
                    + "(removed again when nothing fails). Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--no-shrink", description = "save failing runs without shrinking them")
    boolean noShrink;

    @Option(names = "--shrink-budget", defaultValue = "40", paramLabel = "N", converter = Range.Positive.class,
            description = "at most N candidate runs (each validated by TLC) per shrink, N at least 1. "
                    + "Default: ${DEFAULT-VALUE}")
    int shrinkBudget;

    @Mixin
    ReportFile reportFile;

    /** 1 to 86,400 seconds (a day) of shrinking in all. */
    public static final class ShrinkSeconds extends Range.WholeNumber {
        public ShrinkSeconds() {
            super(new Range(1, 86_400));
        }
    }

    @Option(names = "--shrink-time", paramLabel = "SECONDS", defaultValue = "" + Hunt.DEFAULT_SHRINK_SECONDS,
            converter = ShrinkSeconds.class,
            description = "all shrinking together stops after SECONDS, 1 to 86400; failures not shrunk by then are "
                    + "saved unshrunk. Default: ${DEFAULT-VALUE}")
    int shrinkSeconds;

    @Option(names = "--max-failures", paramLabel = "N", converter = Range.Positive.class,
            description = "start no new batch of runs once N failures are found, N at least 1. Default: no limit")
    int maxFailures = Hunt.NO_LIMIT;

    @Option(names = "--json", description = "print one JSON object on stdout instead of the readable summary")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<Hunt> hunt;

    public HuntCommand() {
        this(() -> new Hunt(TraceValidator.local()));
    }

    HuntCommand(Supplier<Hunt> hunt) {
        this.hunt = hunt;
    }

    @Override
    public Integer call() throws Exception {
        Hunt.Options options;
        boolean mix = flags.shapeOr(Shape.MIX) == Shape.MIX;
        try {
            options = new Hunt.Options(flags.toOptions(seed, Shape.MIX), runs, jobs.count(), out, !noShrink,
                    shrinkBudget, Duration.ofSeconds(shrinkSeconds), maxFailures,
                    mix ? s -> flags.toOptions(s, Shape.MIX) : null);
            for (long s = seed + 1; mix && s < seed + runs; s++) {
                try {
                    flags.toOptions(s, Shape.MIX); // each run's shape must take the flags too (e.g. --voters)
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage() + " (in run seed " + s + ", whose shape is "
                            + Shape.MIX.options(s).shape().cliName() + ")", e);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        reportFile.check();
        PrintWriter stdout = spec.commandLine().getOut();
        ProgressLines progress = new ProgressLines(spec.commandLine().getErr(), runs);
        String what = mix ? "shape mix: each run's shape picked from its seed, e.g. the first "
                + options.sim().format() : options.sim().format();
        progress.note(String.format("hunt: %d runs from seed %d (%s), %d TLC job(s)", runs, seed, what,
                options.jobs()));
        Hunt.Report report;
        try {
            report = hunt.get().run(options, progress);
        } catch (Hunt.OutputException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--out " + out + ": " + e.getMessage());
        } finally {
            progress.endLine();
        }
        if (json) {
            stdout.println(JsonOutput.line(HuntJson.of(report)));
        } else {
            printSummary(report, stdout);
        }
        stdout.flush();
        if (!reportFile.write(() -> ReportContent.ofHunt(options, report), spec.commandLine().getErr())) {
            return Main.BAD_INPUT;
        }
        if (report.unsaved() > 0) {
            return Main.BAD_INPUT;
        }
        return report.failures().isEmpty() ? Main.OK : Main.FOUND_PROBLEM;
    }

    /** The progress bar on one line that notes (each a line of their own) push down. */
    private static final class ProgressLines implements Hunt.Progress {
        private final PrintWriter err;
        private final int runs;
        private final long started = System.nanoTime();
        private int barLength;

        ProgressLines(PrintWriter err, int runs) {
            this.err = err;
            this.runs = runs;
        }

        @Override
        public void update(int done, int rejected, int unsafe, int stuck) {
            String bar = bar(done, runs) + String.format(" %d/%d runs, %d rejected, %d unsafe, %d liveness, %.0f s",
                    done, runs, rejected, unsafe, stuck, (System.nanoTime() - started) / 1e9);
            err.print("\r" + bar);
            barLength = bar.length();
            err.flush();
        }

        @Override
        public void note(String line) {
            err.print(barLength > 0 ? "\r" + pad(line, barLength) + "\n" : line + "\n");
            barLength = 0;
            err.flush();
        }

        /** Ends the bar's line, if it is the last thing printed. */
        void endLine() {
            if (barLength > 0) {
                err.println();
                err.flush();
                barLength = 0;
            }
        }

        private static String pad(String line, int length) {
            return line.length() >= length ? line : line + " ".repeat(length - line.length());
        }
    }

    static String bar(int done, int total) {
        int width = 30;
        int filled = (int) ((long) width * done / Math.max(1, total));
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    private static void printSummary(Hunt.Report r, PrintWriter out) {
        out.printf("runs:      %d%s (%d accepted, %d rejected by TLC, %d stopped by the simulator's safety checks, "
                        + "%d failed the liveness phase)%n",
                r.runs(), r.stoppedEarly() ? " of " + r.requested() + " (stopped at --max-failures)" : "", r.accepted(),
                r.rejected(), r.unsafe(), r.livenessFailures());
        out.printf("events:    %,d%n", r.events());
        out.printf("seconds:   %.1f (%.0f runs/minute, %,.0f events/s)%n", r.seconds(), r.runsPerMinute(),
                r.events() / Math.max(1e-9, r.seconds()));
        if (r.folder() != null) {
            out.printf("saved in:  %s (each failure in seed-<S>/, its reproduce.txt has the simulate and check commands)%n",
                    r.folder());
        }
        for (Hunt.Failure f : r.failures()) {
            out.printf("%s seed %d: %s%n", f.kind().name(), f.seed(), f.detail());
            if (f.saved() != null) {
                out.printf("  saved in %s%n", f.saved());
            } else {
                out.printf("  NOT SAVED: %s%n  regenerate it with: ./jointraft simulate --seed %d %s%n", f.saveError(),
                        f.seed(), f.options().format());
            }
            if (f.shrunk() != null) {
                out.printf("  shrunk to %d events (%s): %s%n", f.shrunk().events(), f.shrunk().options().format(),
                        f.shrunk().detail());
            } else if (f.saved() != null && f.notShrunk() != null) {
                out.printf("  not shrunk: %s%n", f.notShrunk());
            }
        }
        if (r.unsaved() > 0) {
            out.printf("%d failure(s) could not be saved (exit code 2)%n", r.unsaved());
        }
        out.print(coverageTable(r.coverage(), r.runs()));
    }

    /** The runs that reached each hard path, one line each, those no run reached marked. */
    static String coverageTable(Map<String, Long> coverage, int runs) {
        StringBuilder sb = new StringBuilder("coverage (runs of " + runs + " that reached each hard path):\n");
        int width = coverage.keySet().stream().mapToInt(String::length).max().orElse(0);
        for (Coverage.Counter c : Coverage.Counter.values()) {
            long n = coverage.getOrDefault(c.cliName(), 0L);
            sb.append(String.format(Locale.ROOT, "  %-" + width + "s %5d  %s%s%n", c.cliName(), n, c.description(),
                    n == 0 ? "  (NOT REACHED)" : ""));
        }
        return sb.toString();
    }

    /**
     * The {@code --json} object; {@code folder} is null when nothing was saved; {@code coverage} maps every hard path
     * to the runs that reached it.
     */
    record HuntJson(int runs, int requested, int accepted, int rejected, int unsafe, long livenessFailures,
            long events, double seconds, String folder, long unsaved, List<FailureJson> failures,
            Map<String, Long> coverage) {
        static HuntJson of(Hunt.Report r) {
            return new HuntJson(r.runs(), r.requested(), r.accepted(), r.rejected(), r.unsafe(), r.livenessFailures(),
                    r.events(),
                    Math.round(r.seconds() * 10) / 10.0, text(r.folder()), r.unsaved(),
                    r.failures().stream().map(FailureJson::of).toList(), r.coverage());
        }
    }

    /**
     * One failing run. {@code saved}, {@code trace} and the verdict's {@code trace} are saved files, or null when the
     * run could not be saved ({@code saveError}); {@code shrunk} is null when it was not shrunk ({@code notShrunk}).
     */
    record FailureJson(long seed, Hunt.FailureKind kind, String reason, String options, String saved, String trace,
            String saveError, CheckCommand.VerdictJson verdict, ShrunkJson shrunk, String notShrunk) {
        static FailureJson of(Hunt.Failure f) {
            Hunt.Shrunk s = f.shrunk();
            CheckCommand.VerdictJson v = CheckCommand.VerdictJson.of(f.verdict());
            if (f.saved() == null) {
                v = new CheckCommand.VerdictJson(null, v.accepted(), v.events(), v.rejectedAt(), v.reason(), v.seconds());
            }
            return new FailureJson(f.seed(), f.kind(), f.detail(), f.options().format(), text(f.saved()),
                    text(f.trace()), f.saveError(), v, s == null ? null : new ShrunkJson(s.options().format(),
                    s.trace().toString(), s.events(), s.detail(), s.candidates(),
                    s.end().name().toLowerCase(Locale.ROOT), Math.round(s.seconds() * 10) / 10.0),
                    f.notShrunk());
        }
    }

    /** The shrunk reproduction of a failing run: why the shrinker stopped, its candidates and seconds. */
    record ShrunkJson(String options, String trace, long events, String reason, int candidates, String end,
            double seconds) {
    }

    private static String text(Path p) {
        return p == null ? null : p.toString();
    }
}
