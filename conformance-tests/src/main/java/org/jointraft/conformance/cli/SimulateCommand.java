package org.jointraft.conformance.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jointraft.conformance.report.RunJson;
import org.jointraft.conformance.report.TimelineRenderer;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.Shrinker;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.conformance.sim.Simulator;
import org.jointraft.trace.TraceCursor;
import org.jointraft.trace.TraceFormatException;
import org.jointraft.trace.TraceReader;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jointraft simulate}: one random seeded run with faults; writes the trace and prints the timeline. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Runs a random seeded simulation of an impl cluster with faults, writes its trace to "
                + "DIR/simulate-seed-S.ndjson and prints the membership timeline. The same options give the same "
                + "trace bytes.",
                "Exit code 0: safety held; 1: a safety check failed (with --shrink: a smaller failing run is written "
                        + "too); 2: bad input."})
public final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "random seed. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--nodes", defaultValue = "3", paramLabel = "N", description = "node ids 1..N. Default: ${DEFAULT-VALUE}")
    int nodes;

    @Option(names = "--voters", paramLabel = "V", description = "bootstrap voters {1..V}; the others start empty. "
            + "Default: min(N, 3)")
    Integer voters;

    @Option(names = "--steps", defaultValue = "300", paramLabel = "K", description = "virtual ticks. Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--faults", defaultValue = "all", paramLabel = "LIST",
            description = "comma-separated faults: drop,duplicate,reorder,partition,oneway,crash,membership, or all "
                    + "or none. Default: ${DEFAULT-VALUE}")
    String faults;

    @Option(names = "--write-rate", defaultValue = "0.2", paramLabel = "P", description = "client write chance per tick. Default: ${DEFAULT-VALUE}")
    double writeRate;

    @Option(names = "--membership-rate", defaultValue = "0.02", paramLabel = "P",
            description = "chance per tick that a membership call starts. Default: ${DEFAULT-VALUE}")
    double membershipRate;

    @Option(names = "--message-fault-rate", defaultValue = "0.03", paramLabel = "P",
            description = "drop (and, separately, duplicate) chance per delivery. Default: ${DEFAULT-VALUE}")
    double messageFaultRate;

    @Option(names = "--node-fault-rate", defaultValue = "0.005", paramLabel = "P",
            description = "partition (and, separately, crash) chance per tick. Default: ${DEFAULT-VALUE}")
    double nodeFaultRate;

    @Option(names = "--max-delay", defaultValue = "3", paramLabel = "T", description = "message delay 1..T ticks. Default: ${DEFAULT-VALUE}")
    int maxDelay;

    @Option(names = "--max-batch", defaultValue = "64", paramLabel = "B",
            description = "most entries in one AppendEntries (small values exercise log repair). Default: ${DEFAULT-VALUE}")
    int maxBatch;

    @Option(names = "--replay", paramLabel = "TRACE", description = "take seed and options from this trace's header")
    Path replay;

    @Option(names = "--shrink", description = "when safety fails, also find and write a smaller run that still fails")
    boolean shrink;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "traces", description = "where the trace goes. Default: ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--json", description = "print one JSON object instead of the timeline")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SimOptions options = options();
        Path dir = TraceDirectory.prepare(spec.commandLine(), out);
        SimResult r = Simulator.run(options.withTrace(dir.resolve("simulate-seed-" + options.seed() + ".ndjson")));
        PrintWriter stdout = spec.commandLine().getOut();
        SimResult shrunk = null;
        if (!r.safe() && shrink) {
            SimOptions small = Shrinker.shrink(options.withTrace(null), o -> !Simulator.run(o, null).safe());
            shrunk = Simulator.run(small.withTrace(dir.resolve("simulate-seed-" + small.seed() + "-shrunk.ndjson")));
        }
        if (json) {
            ObjectNode o = RunJson.of(r, options.seed(), Map.of());
            o.put("options", options.format());
            if (shrunk != null) {
                ObjectNode s = RunJson.of(shrunk, shrunk.options().seed(), Map.of());
                s.put("options", shrunk.options().format());
                o.set("shrunk", s);
            }
            stdout.println(o);
        } else {
            stdout.print(text(r));
            if (shrunk != null) {
                stdout.println();
                stdout.println("shrunk to a smaller run that still fails:");
                stdout.print(text(shrunk));
            }
        }
        stdout.flush();
        return r.safe() ? Main.OK : Main.FOUND_PROBLEM;
    }

    private SimOptions options() throws IOException {
        CommandLine cl = spec.commandLine();
        try {
            if (replay != null) {
                try (TraceCursor cursor = new TraceReader().open(replay)) {
                    return Simulator.optionsOf(cursor.header());
                } catch (java.nio.file.NoSuchFileException e) {
                    throw new IllegalArgumentException("--replay " + replay + ": no such file");
                } catch (TraceFormatException e) {
                    throw new IllegalArgumentException("--replay " + replay + ": " + e.getMessage());
                }
            }
            return new SimOptions(seed, nodes, voters == null ? Math.min(nodes, 3) : voters, steps,
                    Fault.parseList(faults), writeRate, membershipRate, messageFaultRate, nodeFaultRate, maxDelay, maxBatch,
                    null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "bad option: " + e.getMessage());
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
        return sb.toString();
    }
}
