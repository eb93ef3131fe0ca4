package org.jointraft.conformance.scenario;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.conformance.sim.CallReport;
import org.jointraft.conformance.sim.Cluster;
import org.jointraft.conformance.sim.NetworkFaults;
import org.jointraft.conformance.sim.SimCall;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.core.EntryKind;
import org.jointraft.core.Membership;
import org.jointraft.core.RaftNode;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceObserver;
import org.jointraft.trace.TraceWriter;

/**
 * Runs a {@link Scenario} on a simulated cluster with a reliable FIFO network (delays of 1..2 ticks), writes its
 * trace, and evaluates its checks. The trace header's {@code scenario} is the scenario's name, its {@code nodes}
 * every node of the scenario, its {@code seed} the scenario's seed; it has no {@code options}.
 */
public final class ScenarioRunner {

    /** Message delays of a scenario run are 1..this many ticks. */
    public static final int MAX_DELAY = 2;

    private ScenarioRunner() {
    }

    /** Runs {@code s}, writing its trace to {@code trace} (null: no trace). */
    public static ScenarioResult run(Scenario s, Path trace) throws IOException {
        if (trace == null) {
            return run(s, (TraceObserver) null, null);
        }
        try (TraceWriter writer = TraceWriter.open(trace)) {
            writer.writeHeader(header(s));
            return run(s, new TraceObserver(writer), trace);
        }
    }

    public static TraceHeader header(Scenario s) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= s.nodeCount(); i++) {
            ids.add(i);
        }
        return new TraceHeader(ids, TraceObserver.toMembership(s.bootstrapMembership()), s.seedValue(), s.name(),
                null);
    }

    private static ScenarioResult run(Scenario s, TraceObserver observer, Path trace) {
        Cluster cluster = new Cluster(s.nodeCount(), s.bootstrapMembership(), s.seedValue(),
                NetworkFaults.reliable(MAX_DELAY), observer, null);
        ScenarioDriver driver = new ScenarioDriver(cluster);
        String error = null;
        try {
            s.scriptBody().run(driver);
        } catch (ScenarioFailure e) {
            error = e.getMessage();
        }
        if (error == null && cluster.violation() != null) {
            error = "stopped by " + cluster.violation().describe();
        }
        SimResult run = new SimResult(s.name(), null, trace, cluster.events(), cluster.now(),
                ((TraceHeader) header(s)).nodes(), s.bootstrapMembership(), cluster.currentMembership(),
                cluster.callReports(), cluster.violation(), 0, cluster.timeline(), cluster.notes(), cluster.coverage(),
                null);
        Map<String, CallReport> calls = new LinkedHashMap<>();
        for (Map.Entry<String, SimCall> e : driver.calls().entrySet()) {
            calls.put(e.getKey(), e.getValue().report());
        }
        ScenarioOutcome outcome = new ScenarioOutcome(run, calls, driver.facts(), logMemberships(cluster), error);
        List<ScenarioResult.CheckResult> results = new ArrayList<>();
        for (Scenario.Check c : s.checks()) {
            results.add(evaluate(c, outcome));
        }
        return new ScenarioResult(s, outcome, results);
    }

    private static ScenarioResult.CheckResult evaluate(Scenario.Check c, ScenarioOutcome o) {
        try {
            boolean ok = c.test().test(o);
            return new ScenarioResult.CheckResult(c.description(), ok, ok ? "" : c.detail().apply(o));
        } catch (RuntimeException e) {
            return new ScenarioResult.CheckResult(c.description(), false, "the check threw " + e);
        }
    }

    /**
     * Member entries of the leader's log, or of the node with the longest log when there is no leader; after a
     * snapshot, the snapshot's membership stands first for the compacted ones.
     */
    private static List<Membership> logMemberships(Cluster cluster) {
        int source = cluster.leader();
        if (source == 0) {
            source = 1;
            for (int id = 2; id <= cluster.size(); id++) {
                if (cluster.node(id).lastLogIndex() > cluster.node(source).lastLogIndex()) {
                    source = id;
                }
            }
        }
        RaftNode n = cluster.node(source);
        List<Membership> ms = new ArrayList<>();
        if (n.snapshotIndex() > 0) {
            ms.add(n.snapshot().membership());
        }
        for (long i = n.snapshotIndex() + 1; i <= n.lastLogIndex(); i++) { // compacted member entries are gone
            if (n.entry(i).kind() == EntryKind.MEMBER) {
                ms.add(n.entry(i).membership());
            }
        }
        return ms;
    }
}
