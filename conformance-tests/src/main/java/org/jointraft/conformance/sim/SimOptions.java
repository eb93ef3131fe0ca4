package org.jointraft.conformance.sim;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import org.jointraft.conformance.options.Range;

/**
 * Everything that decides a random run: with equal options (the trace path aside) two runs write byte-identical
 * traces. {@link #format()} gives the {@code options} string of the trace header and {@link SimFlags#parse} reads it
 * back, so a run can be replayed from its header. Out-of-range values are refused with the name of their
 * command-line flag (the ranges are those {@link SimFlags} checks while parsing).
 *
 * @param seed the run's random seed; every node's own seed is derived from it
 * @param nodes node ids are {@code 1..nodes}
 * @param voters the bootstrap membership is the uniform {@code {1..voters}}; the other nodes start empty
 * @param steps virtual ticks the run lasts (a run with fewer steps is a prefix of one with more)
 * @param faults the fault kinds that may happen
 * @param writeRate chance per tick that a client write goes to the leader
 * @param membershipRate chance per tick that a new membership call starts (with {@link Fault#MEMBERSHIP})
 * @param messageFaultRate chance per delivery of a drop, and separately of a duplicate (when enabled)
 * @param nodeFaultRate chance per tick that a partition starts, and separately that a node crashes (when enabled)
 * @param maxDelay messages take 1..maxDelay ticks to arrive
 * @param maxBatch the most entries one AppendEntries carries (the nodes' {@code maxEntriesPerAppend}); small
 *                 batches make log repair take many round trips, which exercises the repair paths
 * @param trace the trace file to write, or null for none
 */
public record SimOptions(long seed, int nodes, int voters, int steps, Set<Fault> faults, double writeRate,
        double membershipRate, double messageFaultRate, double nodeFaultRate, int maxDelay, int maxBatch, Path trace) {

    // The one set of defaults: of SimOptions.defaults and of every command's flags (SimFlags).
    public static final int DEFAULT_NODES = 3;
    /** With fewer nodes, every node is a voter. */
    public static final int DEFAULT_VOTERS = 3;
    public static final int DEFAULT_STEPS = 300;
    public static final String DEFAULT_FAULTS = "all";
    public static final double DEFAULT_WRITE_RATE = 0.2;
    public static final double DEFAULT_MEMBERSHIP_RATE = 0.02;
    public static final double DEFAULT_MESSAGE_FAULT_RATE = 0.03;
    public static final double DEFAULT_NODE_FAULT_RATE = 0.005;
    public static final int DEFAULT_MAX_DELAY = 3;
    public static final int DEFAULT_MAX_BATCH = 64;

    /** The most nodes of a run: larger clusters make runs slow and traces huge without testing anything new. */
    public static final int MAX_NODES = 64;
    /** The most ticks of a run: a 3-node run traces about 200 bytes a tick, so about 200 MB. */
    public static final int MAX_STEPS = 1_000_000;
    public static final Range NODES = new Range(1, MAX_NODES);
    public static final Range STEPS = new Range(0, MAX_STEPS);

    public SimOptions {
        NODES.check("--nodes", nodes);
        if (voters < 1 || voters > nodes) {
            throw new IllegalArgumentException("--voters must be between 1 and --nodes (" + nodes + "), got " + voters);
        }
        STEPS.check("--steps", steps);
        faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        Range.PROBABILITY.check("--write-rate", writeRate);
        Range.PROBABILITY.check("--membership-rate", membershipRate);
        Range.PROBABILITY.check("--message-fault-rate", messageFaultRate);
        Range.PROBABILITY.check("--node-fault-rate", nodeFaultRate);
        Range.POSITIVE.check("--max-delay", maxDelay);
        Range.POSITIVE.check("--max-batch", maxBatch);
    }

    /** The defaults: 3 nodes, all voters, 300 ticks, every fault, a write every 5 ticks on average. */
    public static SimOptions defaults(long seed) {
        return new SimOptions(seed, DEFAULT_NODES, DEFAULT_VOTERS, DEFAULT_STEPS, Fault.parseList(DEFAULT_FAULTS),
                DEFAULT_WRITE_RATE, DEFAULT_MEMBERSHIP_RATE, DEFAULT_MESSAGE_FAULT_RATE, DEFAULT_NODE_FAULT_RATE,
                DEFAULT_MAX_DELAY, DEFAULT_MAX_BATCH, null);
    }

    public SimOptions withSeed(long s) {
        return new SimOptions(s, nodes, voters, steps, faults, writeRate, membershipRate, messageFaultRate,
                nodeFaultRate, maxDelay, maxBatch, trace);
    }

    /** These options with {@code n} nodes; voters are capped at {@code n}. */
    public SimOptions withNodes(int n) {
        return new SimOptions(seed, n, Math.min(voters, Math.max(n, 1)), steps, faults, writeRate, membershipRate,
                messageFaultRate, nodeFaultRate, maxDelay, maxBatch, trace);
    }

    public SimOptions withVoters(int v) {
        return new SimOptions(seed, nodes, v, steps, faults, writeRate, membershipRate, messageFaultRate,
                nodeFaultRate, maxDelay, maxBatch, trace);
    }

    public SimOptions withSteps(int k) {
        return new SimOptions(seed, nodes, voters, k, faults, writeRate, membershipRate, messageFaultRate,
                nodeFaultRate, maxDelay, maxBatch, trace);
    }

    public SimOptions withFaults(Set<Fault> f) {
        return new SimOptions(seed, nodes, voters, steps, f, writeRate, membershipRate, messageFaultRate,
                nodeFaultRate, maxDelay, maxBatch, trace);
    }

    public SimOptions withWriteRate(double r) {
        return new SimOptions(seed, nodes, voters, steps, faults, r, membershipRate, messageFaultRate, nodeFaultRate,
                maxDelay, maxBatch, trace);
    }

    public SimOptions withMembershipRate(double r) {
        return new SimOptions(seed, nodes, voters, steps, faults, writeRate, r, messageFaultRate, nodeFaultRate,
                maxDelay, maxBatch, trace);
    }

    public SimOptions withMessageFaultRate(double r) {
        return new SimOptions(seed, nodes, voters, steps, faults, writeRate, membershipRate, r, nodeFaultRate,
                maxDelay, maxBatch, trace);
    }

    public SimOptions withNodeFaultRate(double r) {
        return new SimOptions(seed, nodes, voters, steps, faults, writeRate, membershipRate, messageFaultRate, r,
                maxDelay, maxBatch, trace);
    }

    public SimOptions withMaxDelay(int d) {
        return new SimOptions(seed, nodes, voters, steps, faults, writeRate, membershipRate, messageFaultRate,
                nodeFaultRate, d, maxBatch, trace);
    }

    public SimOptions withMaxBatch(int b) {
        return new SimOptions(seed, nodes, voters, steps, faults, writeRate, membershipRate, messageFaultRate,
                nodeFaultRate, maxDelay, b, trace);
    }

    public SimOptions withTrace(Path p) {
        return new SimOptions(seed, nodes, voters, steps, faults, writeRate, membershipRate, messageFaultRate,
                nodeFaultRate, maxDelay, maxBatch, p);
    }

    /**
     * The options as command-line flags of {@code jointraft simulate} (seed and trace path left out: the header
     * holds the seed), e.g. {@code --nodes 3 --voters 3 --steps 300 --faults drop,crash --write-rate 0.2 ...}.
     */
    public String format() {
        return "--nodes " + nodes + " --voters " + voters + " --steps " + steps + " --faults " + Fault.formatList(faults)
                + " --write-rate " + writeRate + " --membership-rate " + membershipRate + " --message-fault-rate "
                + messageFaultRate + " --node-fault-rate " + nodeFaultRate + " --max-delay " + maxDelay
                + (maxBatch == DEFAULT_MAX_BATCH ? "" : " --max-batch " + maxBatch);
    }
}
