package org.jointraft.conformance.sim;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.jointraft.core.Membership;
import org.jointraft.core.NodeConfig;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceObserver;
import org.jointraft.trace.TraceSink;
import org.jointraft.trace.TraceWriter;

/**
 * Random seeded runs of an impl cluster (see {@link Cluster} for one tick and {@link RandomWorkload} for the random
 * decisions), then the {@link LivenessPhase}. Same options, same trace bytes. The faulty phase of a run with fewer
 * steps is a prefix of the faulty phase of one with more.
 *
 * <pre>{@code
 * SimResult r = Simulator.run(SimOptions.defaults(42).withFaults(Fault.all()).withTrace(Path.of("t.ndjson")));
 * if (!r.passed()) System.out.println(r.safe() ? r.liveness().describe() : r.violation().describe());
 * }</pre>
 */
public final class Simulator {

    /** The header's {@code scenario} of a random run. */
    public static final String SCENARIO = "simulate";

    private Simulator() {
    }

    /** Runs {@code options}, writing the trace to {@code options.trace()} when it is set. */
    public static SimResult run(SimOptions options) throws IOException {
        return runWithProgress(options, ticks -> { });
    }

    /** {@link #run(SimOptions)}, telling {@code ticksDone} the number of ticks done after each tick. */
    public static SimResult runWithProgress(SimOptions options, IntConsumer ticksDone) throws IOException {
        if (options.trace() == null) {
            return run(options, null, ticksDone);
        }
        try (TraceWriter writer = TraceWriter.open(options.trace())) {
            writer.writeHeader(header(options));
            return run(options, writer, ticksDone);
        }
    }

    /** Runs {@code options} with its events going to {@code sink} (the header is the caller's), or untraced if null. */
    public static SimResult run(SimOptions options, TraceSink sink) {
        return run(options, sink, ticks -> { });
    }

    private static SimResult run(SimOptions options, TraceSink sink, IntConsumer ticksDone) {
        Membership bootstrap = bootstrap(options);
        TraceObserver observer = sink == null ? null : new TraceObserver(sink);
        NodeConfig timing = NodeConfig.of(1, bootstrap, 0);
        timing = new NodeConfig(1, bootstrap, timing.electionTimeoutMin(), timing.electionTimeoutMax(),
                timing.heartbeatInterval(), options.maxBatch(), 0);
        NetworkFaults faults = networkFaults(options);
        Cluster cluster = new Cluster(options.nodes(), bootstrap, options.seed(), faults, observer, timing);
        RandomWorkload workload = new RandomWorkload(options, cluster);
        for (int t = 0; t < options.steps() && cluster.violation() == null; t++) {
            workload.beforeTick();
            cluster.tick();
            ticksDone.accept(t + 1);
        }
        LivenessResult liveness = null;
        if (options.healTicks() != 0 && cluster.violation() == null) {
            liveness = LivenessPhase.run(cluster, timing, faults, options.healTicks());
        }
        return new SimResult(SCENARIO, options, options.trace(), cluster.events(), cluster.now(), ids(options.nodes()),
                bootstrap, cluster.currentMembership(), cluster.callReports(), cluster.violation(), workload.writes(),
                cluster.timeline(), cluster.notes(), cluster.coverage(), liveness);
    }

    /** The trace header of a run: every node, the bootstrap, the seed and the formatted options. */
    public static TraceHeader header(SimOptions options) {
        return new TraceHeader(ids(options.nodes()), TraceObserver.toMembership(bootstrap(options)), options.seed(),
                SCENARIO, options.format());
    }

    /** The options a random run's trace header records (its trace path is left null). */
    public static SimOptions optionsOf(TraceHeader header) {
        if (!SCENARIO.equals(header.scenario())) {
            throw new IllegalArgumentException("the trace is of scenario '" + header.scenario()
                    + "', not of a random '" + SCENARIO + "' run");
        }
        return SimFlags.parseHeader(header.options() == null ? "" : header.options(), header.seed());
    }

    static Membership bootstrap(SimOptions options) {
        return Membership.uniform(ids(options.voters()));
    }

    static NetworkFaults networkFaults(SimOptions o) {
        return new NetworkFaults(o.maxDelay(), o.faults().contains(Fault.REORDER),
                o.faults().contains(Fault.DROP) ? o.dropRate() : 0,
                o.faults().contains(Fault.DUPLICATE) ? o.duplicateRate() : 0, o.slowRate(), o.slowDelay());
    }

    static List<Integer> ids(int n) {
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            ids.add(i);
        }
        return ids;
    }
}
