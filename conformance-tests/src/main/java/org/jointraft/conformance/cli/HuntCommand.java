package org.jointraft.conformance.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.report.ReportContent;
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
                "Each rejected trace (and each run the simulator's safety checks stopped) is saved in --out with "
                        + "its diagnosis and a shrunk reproduction.",
                "Exit code 0: all accepted and safe; 1: some rejected or unsafe; 2: bad input or TLC failure."})
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
            description = "where failing runs are saved (created only when one fails). Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--no-shrink", description = "save failing runs without shrinking them")
    boolean noShrink;

    @Option(names = "--shrink-budget", defaultValue = "40", paramLabel = "N", converter = Range.Positive.class,
            description = "at most N candidate runs (each validated by TLC) per shrink, N at least 1. "
                    + "Default: ${DEFAULT-VALUE}")
    int shrinkBudget;

    @Mixin
    ReportFile reportFile;

    @Option(names = "--json", description = "print one JSON object on stdout instead of the readable summary")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<TraceValidator> validator;

    public HuntCommand() {
        this(TraceValidator::local);
    }

    HuntCommand(Supplier<TraceValidator> validator) {
        this.validator = validator;
    }

    @Override
    public Integer call() throws Exception {
        Hunt.Options options;
        try {
            options = new Hunt.Options(flags.toOptions(seed), runs, jobs.count(), out, !noShrink, shrinkBudget);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        reportFile.check();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        err.printf("hunt: %d runs from seed %d (%s), %d TLC job(s)%n", runs, seed, options.sim().format(), options.jobs());
        long started = System.nanoTime();
        Hunt.Report report = new Hunt(validator.get()).run(options, (done, rejected, unsafe) -> {
            err.print("\r" + bar(done, runs) + String.format(" %d/%d runs, %d rejected, %d unsafe, %.0f s",
                    done, runs, rejected, unsafe, (System.nanoTime() - started) / 1e9));
            err.flush();
        });
        err.println();
        err.flush();
        if (json) {
            out.println(JsonOutput.line(HuntJson.of(report)));
        } else {
            printSummary(report, out);
        }
        out.flush();
        if (!reportFile.write(() -> ReportContent.ofHunt(options, report), err)) {
            return Main.BAD_INPUT;
        }
        return report.failures().isEmpty() ? Main.OK : Main.FOUND_PROBLEM;
    }

    static String bar(int done, int total) {
        int width = 30;
        int filled = (int) ((long) width * done / Math.max(1, total));
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "]";
    }

    private static void printSummary(Hunt.Report r, PrintWriter out) {
        out.printf("runs:      %d (%d accepted, %d rejected by TLC, %d stopped by the simulator's safety checks)%n",
                r.runs(), r.accepted(), r.rejected(), r.unsafe());
        out.printf("events:    %,d%n", r.events());
        out.printf("seconds:   %.1f (%.0f runs/minute, %,.0f events/s)%n", r.seconds(), r.runsPerMinute(),
                r.events() / Math.max(1e-9, r.seconds()));
        for (Hunt.Failure f : r.failures()) {
            out.printf("%s seed %d: %s%n", f.kind().name(), f.seed(), f.detail());
            out.printf("  saved in %s%n", f.saved());
            if (f.shrunk() != null) {
                out.printf("  shrunk to %d events (%s): %s%n", f.shrunk().events(), f.shrunk().options().format(),
                        f.shrunk().detail());
            }
        }
    }

    /** The {@code --json} object. */
    record HuntJson(int runs, int accepted, int rejected, int unsafe, long events, double seconds,
            List<FailureJson> failures) {
        static HuntJson of(Hunt.Report r) {
            return new HuntJson(r.runs(), r.accepted(), r.rejected(), r.unsafe(), r.events(),
                    Math.round(r.seconds() * 10) / 10.0, r.failures().stream().map(FailureJson::of).toList());
        }
    }

    /** One failing run; {@code shrunk} is null when it was not shrunk. */
    record FailureJson(long seed, Hunt.FailureKind kind, String reason, String saved, CheckCommand.VerdictJson verdict,
            ShrunkJson shrunk) {
        static FailureJson of(Hunt.Failure f) {
            Hunt.Shrunk s = f.shrunk();
            return new FailureJson(f.seed(), f.kind(), f.detail(), f.saved().toString(),
                    CheckCommand.VerdictJson.of(f.verdict()), s == null ? null
                    : new ShrunkJson(s.options().format(), s.trace().toString(), s.events(), s.detail()));
        }
    }

    /** The shrunk reproduction of a failing run. */
    record ShrunkJson(String options, String trace, long events, String reason) {
    }
}
