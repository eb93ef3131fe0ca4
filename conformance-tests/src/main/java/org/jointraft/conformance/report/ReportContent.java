package org.jointraft.conformance.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jointraft.conformance.validate.Hunt;
import org.jointraft.conformance.validate.Verdict;

/**
 * What an HTML report shows, independent of the command that produced it: a title, the summary facts in order,
 * and the judged traces.
 */
public record ReportContent(String title, List<Fact> summary, List<Run> runs) {

    public ReportContent {
        Objects.requireNonNull(title, "title");
        summary = List.copyOf(summary);
        runs = List.copyOf(runs);
    }

    /** The report of a hunt: its options and counts, then every failing run (accepted runs keep no trace). */
    public static ReportContent ofHunt(Hunt.Options o, Hunt.Report r) {
        List<Fact> facts = List.of(new Fact("runs", String.valueOf(r.runs())),
                new Fact("accepted", String.valueOf(r.accepted())),
                new Fact("rejected by TLC", String.valueOf(r.rejected())),
                new Fact("stopped by the simulator's safety checks", String.valueOf(r.unsafe())),
                new Fact("failed the liveness phase", String.valueOf(r.livenessFailures())),
                new Fact("events", String.valueOf(r.events())),
                new Fact("seconds", String.format(Locale.ROOT, "%.1f", r.seconds())),
                new Fact("seeds", o.sim().seed() + " to " + (o.sim().seed() + o.runs() - 1)),
                new Fact("options", o.sim().format()),
                new Fact("TLC jobs", String.valueOf(o.jobs())),
                new Fact("shrinking", o.shrink() ? "on, at most " + o.shrinkBudget() + " candidates per failure" : "off"),
                new Fact("runs shown", "the failing ones; traces of accepted runs are not kept"));
        List<Run> runs = new ArrayList<>();
        for (Hunt.Failure f : r.failures()) {
            String note = f.kind() == Hunt.FailureKind.UNSAFE ? "simulator safety check: " + f.detail()
                    : f.kind() == Hunt.FailureKind.LIVENESS ? f.detail() : "";
            if (f.shrunk() != null) {
                note += (note.isEmpty() ? "" : "; ") + "shrunk to " + f.shrunk().events() + " events ("
                        + f.shrunk().options().format() + "), in " + f.shrunk().trace() + ": " + f.shrunk().detail();
            }
            runs.add(new Run("seed " + f.seed(), f.saved().resolve("trace.ndjson"), f.verdict(), note, true));
        }
        return new ReportContent("JointRaft hunt: " + r.failures().size() + " failing run(s) of " + r.runs(), facts, runs);
    }

    /** The report of a check: every trace, accepted or not. */
    public static ReportContent ofCheck(List<Verdict> verdicts) {
        long rejected = verdicts.stream().filter(v -> !v.accepted()).count();
        List<Fact> facts = List.of(new Fact("traces", String.valueOf(verdicts.size())),
                new Fact("accepted", String.valueOf(verdicts.size() - rejected)),
                new Fact("rejected", String.valueOf(rejected)),
                new Fact("TLC seconds", String.format(Locale.ROOT, "%.1f", verdicts.stream().mapToDouble(Verdict::seconds).sum())));
        List<Run> runs = verdicts.stream().map(v -> new Run(String.valueOf(v.trace().getFileName()), v.trace(), v, "",
                !v.accepted())).toList();
        return new ReportContent("JointRaft check: " + rejected + " of " + verdicts.size() + " trace(s) rejected", facts, runs);
    }

    /** One line of the summary, e.g. {@code runs: 200}. */
    public record Fact(String name, String value) {
    }

    /**
     * One judged trace.
     *
     * @param name    how the report names it (a seed, a file name)
     * @param trace   the trace file the diagrams are drawn from
     * @param verdict TLC's verdict on it
     * @param note    what else went wrong (the simulator's safety violation), or empty
     * @param failed  whether the report lists it as a failure (rejected, or stopped by a safety check)
     */
    public record Run(String name, Path trace, Verdict verdict, String note, boolean failed) {
        public Run {
            Objects.requireNonNull(trace, "trace");
            Objects.requireNonNull(verdict, "verdict");
            Objects.requireNonNull(note, "note");
        }
    }
}
