package org.jointraft.conformance.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntConsumer;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.report.RunJson;
import org.jointraft.conformance.report.TimelineRenderer;
import org.jointraft.conformance.sim.Shrinker;
import org.jointraft.conformance.sim.SimFlags;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.conformance.sim.Simulator;
import org.jointraft.trace.TraceCursor;
import org.jointraft.trace.TraceFormatException;
import org.jointraft.trace.TraceReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code jointraft simulate}: one random seeded run with faults; writes the trace and prints the timeline. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs a random seeded simulation of an impl cluster with faults, writes its trace to "
                + "DIR/simulate-seed-S.ndjson and prints the membership timeline. The same options give the same "
                + "trace bytes. Runs of " + SimulateCommand.LONG_RUN + " ticks or more show their progress on stderr.",
                "Exit code 0: safety and liveness held; 1: a safety check or the liveness phase failed (with "
                        + "--shrink: a smaller run that fails the same way is written too); 2: bad input."})
public final class SimulateCommand implements Callable<Integer> {
    /** Runs of this many ticks or more (about a second or longer) show their progress on stderr. */
    static final int LONG_RUN = 20_000;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Mixin
    SimFlags flags;

    @Option(names = "--replay", paramLabel = "TRACE", description = "take seed and options from this trace's header "
            + "(so --seed and the run options cannot be given with it)")
    Path replay;

    @Option(names = "--shrink", description = "when safety fails, also find and write a smaller run that still fails")
    boolean shrink;

    @Mixin
    TraceDirectory out;

    @Option(names = "--json", description = "print one JSON object instead of the timeline")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SimOptions options = options();
        Path dir = out.prepare();
        SimResult r = Simulator.runWithProgress(options.withTrace(dir.resolve("simulate-seed-" + options.seed()
                + ".ndjson")), progress(options.steps()));
        if (options.steps() >= LONG_RUN) {
            spec.commandLine().getErr().println();
        }
        PrintWriter stdout = spec.commandLine().getOut();
        SimResult shrunk = null;
        if (!r.passed() && shrink) {
            boolean unsafe = !r.safe();
            SimOptions small = Shrinker.shrink(options.withTrace(null), o -> {
                SimResult c = Simulator.run(o, null);
                return unsafe ? !c.safe() : c.livenessFailed();
            });
            shrunk = Simulator.run(small.withTrace(dir.resolve("simulate-seed-" + small.seed() + "-shrunk.ndjson")));
        }
        if (json) {
            stdout.println(JsonOutput.line(SimulateJson.of(r, shrunk == null ? null : SimulateJson.of(shrunk, null))));
        } else {
            stdout.print(text(r));
            if (shrunk != null) {
                stdout.println();
                stdout.println("shrunk to a smaller run that still fails:");
                stdout.print(text(shrunk));
            }
        }
        stdout.flush();
        return r.passed() ? Main.OK : Main.FOUND_PROBLEM;
    }

    /** A progress bar on stderr, redrawn each percent, for a long run; nothing for a short one. */
    private IntConsumer progress(int steps) {
        if (steps < LONG_RUN) {
            return ticks -> { };
        }
        PrintWriter err = spec.commandLine().getErr();
        return ticks -> {
            if (ticks % (steps / 100) == 0 || ticks == steps) {
                err.printf("\rsimulate: %s %,d/%,d ticks", HuntCommand.bar(ticks, steps), ticks, steps);
                err.flush();
            }
        };
    }

    private SimOptions options() throws IOException {
        CommandLine cl = spec.commandLine();
        try {
            if (replay != null) {
                List<String> given = runOptionsGiven();
                if (!given.isEmpty()) {
                    throw new CommandLine.ParameterException(cl, "--replay takes the seed and the run options from "
                            + "the trace header; it cannot be combined with " + String.join(", ", given));
                }
                try (TraceCursor cursor = new TraceReader().open(replay)) {
                    return Simulator.optionsOf(cursor.header());
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new IllegalArgumentException("--replay " + replay + ": no such file");
                } catch (TraceFormatException e) {
                    throw new IllegalArgumentException("--replay " + replay + ": " + e.getMessage());
                }
            }
            return flags.toOptions(seed);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /** The options that {@code --replay} would override, in the order given on the command line. */
    private List<String> runOptionsGiven() {
        List<String> runOptions = new ArrayList<>(List.of("--seed"));
        new CommandLine(new SimFlags()).getCommandSpec().options().forEach(o -> runOptions.add(o.longestName()));
        return spec.commandLine().getParseResult().matchedOptions().stream().map(o -> o.longestName())
                .filter(runOptions::contains).distinct().toList();
    }

    /**
     * The {@code --json} object: the run, its options, its shape, the times it reached each hard path
     * ({@code coverage}: every counter, 0 when not reached), and the shrunk run when there is one.
     */
    record SimulateJson(@JsonUnwrapped RunJson run, String options, String shape, Map<String, Long> coverage,
            LivenessJson liveness, @JsonInclude(JsonInclude.Include.NON_NULL) SimulateJson shrunk) {
        static SimulateJson of(SimResult r, SimulateJson shrunk) {
            return new SimulateJson(RunJson.of(r, r.options().seed(), Map.of()), r.options().format(),
                    r.options().shape().cliName(), r.coverage().asMap(), LivenessJson.of(r.liveness()), shrunk);
        }
    }

    /** The liveness phase: null when it did not run; {@code condition} and {@code detail} null when it held. */
    record LivenessJson(boolean held, long ticks, long bound, String condition, String detail) {
        static LivenessJson of(org.jointraft.conformance.sim.LivenessResult l) {
            return l == null ? null : new LivenessJson(l.held(), l.ticks(), l.bound(),
                    l.held() ? null : l.violation().condition(), l.held() ? null : l.violation().detail());
        }
    }

    static String text(SimResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("simulate seed ").append(r.options().seed()).append(' ').append(r.options().format()).append('\n');
        sb.append("trace ").append(r.trace()).append(" (").append(r.events()).append(" events, ").append(r.ticks())
                .append(" ticks, ").append(r.writes()).append(" client writes)\n\n");
        sb.append(TimelineRenderer.render(r));
        sb.append(r.safe() ? "safety held: one leader per term, logs match, committed prefixes agree\n"
                : "SAFETY VIOLATED: " + r.violation().describe() + "\n");
        if (r.liveness() != null) {
            sb.append(r.liveness().describe()).append('\n');
        }
        sb.append("hard paths reached:");
        Map<String, Long> coverage = r.coverage().asMap();
        coverage.forEach((name, n) -> sb.append(n > 0 ? " " + name + " x" + n : ""));
        sb.append(coverage.values().stream().allMatch(n -> n == 0) ? " none\n" : "\n");
        return sb.toString();
    }
}
