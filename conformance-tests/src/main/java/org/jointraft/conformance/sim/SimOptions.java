package org.jointraft.conformance.sim;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import org.jointraft.conformance.options.Range;

/**
 * Everything that decides a random run: with equal options (the trace path aside) two runs write byte-identical
 * traces. {@link #format()} gives the {@code options} string of the trace header and {@link SimFlags#parse} reads it
 * back, so a run can be replayed from its header. Out-of-range values are refused with the name of their
 * command-line flag (the ranges are those {@link SimFlags} checks while parsing). A {@link Shape} is a named set of
 * these values; {@code shape} records which one a run started from (the values themselves decide the run).
 *
 * @param seed the run's random seed; every node's own seed is derived from it
 * @param shape the named workload these options started from ({@link Shape#DEFAULT} for today's defaults)
 * @param nodes node ids are {@code 1..nodes}
 * @param voters the bootstrap membership is the uniform {@code {1..voters}}; the other nodes start empty
 * @param steps virtual ticks the run lasts (a run with fewer steps is a prefix of one with more)
 * @param faults the fault kinds that may happen
 * @param writeRate chance per tick that a client write goes to the leader
 * @param membershipRate chance per tick that a new membership call starts (with {@link Fault#MEMBERSHIP})
 * @param dropRate chance per delivery that the network loses the message (with {@link Fault#DROP})
 * @param duplicateRate chance per delivery that the network copies the message (with {@link Fault#DUPLICATE})
 * @param partitionRate chance per tick that a partition or one-way cut starts (with {@link Fault#PARTITION} or
 *                      {@link Fault#ONEWAY})
 * @param crashRate chance per tick that a node crashes (with {@link Fault#CRASH})
 * @param maxDelay messages take 1..maxDelay ticks to arrive
 * @param maxBatch the most entries one AppendEntries carries (the nodes' {@code maxEntriesPerAppend}); small
 *                 batches make log repair take many round trips, which exercises the repair paths
 * @param slowRate chance per message that it is slow: it takes {@code maxDelay + 1 .. maxDelay + slowDelay} ticks
 *                 (on a FIFO link it holds back the messages behind it, as a stalled connection does)
 * @param slowDelay the extra ticks a slow message may take; beyond the election timeout (10..20) a reply can come
 *                  back after its sender moved to a later term
 * @param partitionTicks a partition or one-way cut heals after 10..partitionTicks ticks (how heavy partitions are)
 * @param inPlaceRate chance that a crashed node comes back through {@code RaftNode.restart()} on the same object
 *                    instead of {@code RaftNode.recover} from its disk
 * @param syncCrashRate chance per tick or delivery whose output writes to disk that the node crashes after the write
 *                      and before the sync (with {@link Fault#CRASH}): the writes are lost, no message leaves
 * @param snapshotRate chance per node tick that a running node whose state machine is ahead of its snapshot takes
 *                     one (compacting its log, so lagging followers get an InstallSnapshot)
 * @param maxCalls the most membership calls open at once (membership churn)
 * @param healTicks the bound of the liveness phase after the {@code steps} faulty ticks ({@link LivenessPhase}):
 *                  {@link #AUTO_HEAL_TICKS} for the bound derived from the timeouts and logs, 0 for no phase
 * @param trace the trace file to write, or null for none
 */
public record SimOptions(long seed, Shape shape, int nodes, int voters, int steps, Set<Fault> faults,
        double writeRate, double membershipRate, double dropRate, double duplicateRate, double partitionRate,
        double crashRate, int maxDelay, int maxBatch, double slowRate, int slowDelay, int partitionTicks,
        double inPlaceRate, double syncCrashRate, double snapshotRate, int maxCalls, int healTicks, Path trace) {

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
    public static final double DEFAULT_SLOW_RATE = 0;
    public static final int DEFAULT_SLOW_DELAY = 40;
    public static final int DEFAULT_PARTITION_TICKS = 59;
    public static final double DEFAULT_IN_PLACE_RATE = 0;
    public static final double DEFAULT_SYNC_CRASH_RATE = 0;
    /**
     * About one snapshot per node every 50 ticks: a 300-tick run compacts a few times, often enough that a node
     * back from a crash or a partition is sent an InstallSnapshot, rarely enough that most repairs stay AppendEntries.
     */
    public static final double DEFAULT_SNAPSHOT_RATE = 0.02;
    /** The snapshot rate of a trace header without {@code --snapshot-rate}: it was written before snapshots. */
    public static final double HEADER_SNAPSHOT_RATE = 0;
    public static final int DEFAULT_MAX_CALLS = 2;
    /** {@code healTicks} of a run whose liveness bound is derived ({@code --heal-ticks auto}). */
    public static final int AUTO_HEAL_TICKS = -1;
    /** Every run ends with the liveness phase, its bound derived (docs/simulator.md, "Liveness phase"). */
    public static final int DEFAULT_HEAL_TICKS = AUTO_HEAL_TICKS;

    /** The most nodes of a run: larger clusters make runs slow and traces huge without testing anything new. */
    public static final int MAX_NODES = 64;
    /** The most ticks of a run: a 3-node run traces about 200 bytes a tick, so about 200 MB. */
    public static final int MAX_STEPS = 1_000_000;
    /** The shortest partition: 10 ticks. */
    public static final int MIN_PARTITION_TICKS = 10;
    public static final Range NODES = new Range(1, MAX_NODES);
    public static final Range STEPS = new Range(0, MAX_STEPS);
    public static final Range PARTITION_TICKS = new Range(MIN_PARTITION_TICKS, MAX_STEPS);
    /** The most membership calls open at once. */
    public static final int MAX_CALLS = 16;
    public static final Range CALLS = new Range(1, MAX_CALLS);

    public SimOptions {
        if (shape == null) {
            throw new IllegalArgumentException("--shape must be given");
        }
        NODES.check("--nodes", nodes);
        if (voters < 1 || voters > nodes) {
            throw new IllegalArgumentException("--voters must be between 1 and --nodes (" + nodes + "), got " + voters);
        }
        STEPS.check("--steps", steps);
        faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
        Range.PROBABILITY.check("--write-rate", writeRate);
        Range.PROBABILITY.check("--membership-rate", membershipRate);
        Range.PROBABILITY.check("--drop-rate", dropRate);
        Range.PROBABILITY.check("--duplicate-rate", duplicateRate);
        Range.PROBABILITY.check("--partition-rate", partitionRate);
        Range.PROBABILITY.check("--crash-rate", crashRate);
        Range.POSITIVE.check("--max-delay", maxDelay);
        Range.POSITIVE.check("--max-batch", maxBatch);
        Range.PROBABILITY.check("--slow-rate", slowRate);
        Range.POSITIVE.check("--slow-delay", slowDelay);
        PARTITION_TICKS.check("--partition-ticks", partitionTicks);
        Range.PROBABILITY.check("--in-place-rate", inPlaceRate);
        Range.PROBABILITY.check("--sync-crash-rate", syncCrashRate);
        Range.PROBABILITY.check("--snapshot-rate", snapshotRate);
        CALLS.check("--max-calls", maxCalls);
        if (healTicks != AUTO_HEAL_TICKS) {
            STEPS.check("--heal-ticks", healTicks);
        }
    }

    /** The defaults: 3 nodes, all voters, 300 ticks, every fault, a write every 5 ticks on average. */
    public static SimOptions defaults(long seed) {
        return new SimOptions(seed, Shape.DEFAULT, DEFAULT_NODES, DEFAULT_VOTERS, DEFAULT_STEPS,
                Fault.parseList(DEFAULT_FAULTS), DEFAULT_WRITE_RATE, DEFAULT_MEMBERSHIP_RATE, DEFAULT_MESSAGE_FAULT_RATE,
                DEFAULT_MESSAGE_FAULT_RATE, DEFAULT_NODE_FAULT_RATE, DEFAULT_NODE_FAULT_RATE, DEFAULT_MAX_DELAY,
                DEFAULT_MAX_BATCH, DEFAULT_SLOW_RATE, DEFAULT_SLOW_DELAY, DEFAULT_PARTITION_TICKS,
                DEFAULT_IN_PLACE_RATE, DEFAULT_SYNC_CRASH_RATE, DEFAULT_SNAPSHOT_RATE, DEFAULT_MAX_CALLS, DEFAULT_HEAL_TICKS, null);
    }

    /** The values of a SimOptions while one is being changed (records are immutable). */
    static final class Values {
        long seed;
        Shape shape;
        int nodes;
        int voters;
        int steps;
        Set<Fault> faults;
        double writeRate;
        double membershipRate;
        double dropRate;
        double duplicateRate;
        double partitionRate;
        double crashRate;
        int maxDelay;
        int maxBatch;
        double slowRate;
        int slowDelay;
        int partitionTicks;
        double inPlaceRate;
        double syncCrashRate;
        double snapshotRate;
        int maxCalls;
        int healTicks;
        Path trace;

        Values(SimOptions o) {
            seed = o.seed;
            shape = o.shape;
            nodes = o.nodes;
            voters = o.voters;
            steps = o.steps;
            faults = o.faults;
            writeRate = o.writeRate;
            membershipRate = o.membershipRate;
            dropRate = o.dropRate;
            duplicateRate = o.duplicateRate;
            partitionRate = o.partitionRate;
            crashRate = o.crashRate;
            maxDelay = o.maxDelay;
            maxBatch = o.maxBatch;
            slowRate = o.slowRate;
            slowDelay = o.slowDelay;
            partitionTicks = o.partitionTicks;
            inPlaceRate = o.inPlaceRate;
            syncCrashRate = o.syncCrashRate;
            snapshotRate = o.snapshotRate;
            maxCalls = o.maxCalls;
            healTicks = o.healTicks;
            trace = o.trace;
        }

        SimOptions build() {
            return new SimOptions(seed, shape, nodes, voters, steps, faults, writeRate, membershipRate, dropRate,
                    duplicateRate, partitionRate, crashRate, maxDelay, maxBatch, slowRate, slowDelay, partitionTicks,
                    inPlaceRate, syncCrashRate, snapshotRate, maxCalls, healTicks, trace);
        }
    }

    /** These options with {@code change} made to their values (validated again). */
    SimOptions with(Consumer<Values> change) {
        Values v = new Values(this);
        change.accept(v);
        return v.build();
    }

    public SimOptions withSeed(long s) {
        return with(v -> v.seed = s);
    }

    /** These options labelled as coming from {@code s} (the values stay as they are; see {@link Shape#options}). */
    public SimOptions withShape(Shape s) {
        return with(v -> v.shape = s);
    }

    /** These options with {@code n} nodes; voters are capped at {@code n}. */
    public SimOptions withNodes(int n) {
        return with(v -> {
            v.nodes = n;
            v.voters = Math.min(voters, Math.max(n, 1));
        });
    }

    public SimOptions withVoters(int n) {
        return with(v -> v.voters = n);
    }

    public SimOptions withSteps(int k) {
        return with(v -> v.steps = k);
    }

    public SimOptions withFaults(Set<Fault> f) {
        return with(v -> v.faults = f);
    }

    public SimOptions withWriteRate(double r) {
        return with(v -> v.writeRate = r);
    }

    public SimOptions withMembershipRate(double r) {
        return with(v -> v.membershipRate = r);
    }

    /** Drop and duplicate rates both {@code r} (the {@code --message-fault-rate} shorthand). */
    public SimOptions withMessageFaultRate(double r) {
        return with(v -> {
            v.dropRate = r;
            v.duplicateRate = r;
        });
    }

    public SimOptions withDropRate(double r) {
        return with(v -> v.dropRate = r);
    }

    public SimOptions withDuplicateRate(double r) {
        return with(v -> v.duplicateRate = r);
    }

    /** Partition and crash rates both {@code r} (the {@code --node-fault-rate} shorthand). */
    public SimOptions withNodeFaultRate(double r) {
        return with(v -> {
            v.partitionRate = r;
            v.crashRate = r;
        });
    }

    public SimOptions withPartitionRate(double r) {
        return with(v -> v.partitionRate = r);
    }

    public SimOptions withCrashRate(double r) {
        return with(v -> v.crashRate = r);
    }

    public SimOptions withMaxDelay(int d) {
        return with(v -> v.maxDelay = d);
    }

    public SimOptions withMaxBatch(int b) {
        return with(v -> v.maxBatch = b);
    }

    public SimOptions withSlowRate(double r) {
        return with(v -> v.slowRate = r);
    }

    public SimOptions withSlowDelay(int d) {
        return with(v -> v.slowDelay = d);
    }

    public SimOptions withPartitionTicks(int t) {
        return with(v -> v.partitionTicks = t);
    }

    public SimOptions withInPlaceRate(double r) {
        return with(v -> v.inPlaceRate = r);
    }

    public SimOptions withSyncCrashRate(double r) {
        return with(v -> v.syncCrashRate = r);
    }

    public SimOptions withSnapshotRate(double r) {
        return with(v -> v.snapshotRate = r);
    }

    public SimOptions withMaxCalls(int n) {
        return with(v -> v.maxCalls = n);
    }

    /** The liveness phase's bound: ticks, 0 for none, or {@link #AUTO_HEAL_TICKS}. */
    public SimOptions withHealTicks(int t) {
        return with(v -> v.healTicks = t);
    }

    public SimOptions withTrace(Path p) {
        return with(v -> v.trace = p);
    }

    /**
     * The options as command-line flags of {@code jointraft simulate} (seed and trace path left out: the header
     * holds the seed), e.g. {@code --nodes 3 --voters 3 --steps 300 --faults drop,crash --write-rate 0.2 ...}.
     * {@code --message-fault-rate} carries the drop rate and {@code --node-fault-rate} the partition rate. Options of
     * the default shape leave out every value that is its default (the duplicate rate's is the drop rate's, the
     * crash rate's the partition rate's), so headers written before those options existed read the same. Any other
     * shape starts with {@code --shape NAME} and writes every value. {@code --snapshot-rate} is always written: a header
     * without it was written before snapshots existed, and {@link SimFlags#parseHeader} reads it as 0
     * ({@link #HEADER_SNAPSHOT_RATE}) so such a run replays as it ran, while a command line without it means the
     * default.
     */
    public String format() {
        boolean all = shape != Shape.DEFAULT;
        StringBuilder s = new StringBuilder(all ? "--shape " + shape.cliName() + " " : "");
        s.append("--nodes ").append(nodes).append(" --voters ").append(voters).append(" --steps ").append(steps)
                .append(" --faults ").append(Fault.formatList(faults)).append(" --write-rate ").append(writeRate)
                .append(" --membership-rate ").append(membershipRate).append(" --message-fault-rate ").append(dropRate)
                .append(" --node-fault-rate ").append(partitionRate).append(" --max-delay ").append(maxDelay);
        if (all || maxBatch != DEFAULT_MAX_BATCH) {
            s.append(" --max-batch ").append(maxBatch);
        }
        if (all || duplicateRate != dropRate) {
            s.append(" --duplicate-rate ").append(duplicateRate);
        }
        if (all || crashRate != partitionRate) {
            s.append(" --crash-rate ").append(crashRate);
        }
        if (all || slowRate != DEFAULT_SLOW_RATE) {
            s.append(" --slow-rate ").append(slowRate);
        }
        if (all || slowDelay != DEFAULT_SLOW_DELAY) {
            s.append(" --slow-delay ").append(slowDelay);
        }
        if (all || partitionTicks != DEFAULT_PARTITION_TICKS) {
            s.append(" --partition-ticks ").append(partitionTicks);
        }
        if (all || inPlaceRate != DEFAULT_IN_PLACE_RATE) {
            s.append(" --in-place-rate ").append(inPlaceRate);
        }
        if (all || maxCalls != DEFAULT_MAX_CALLS) {
            s.append(" --max-calls ").append(maxCalls);
        }
        if (syncCrashRate != DEFAULT_SYNC_CRASH_RATE) { // left out while 0, for every shape: older headers read the same
            s.append(" --sync-crash-rate ").append(syncCrashRate);
        }
        // always written, so a printed command line and a header agree (a header without it reads as 0)
        s.append(" --snapshot-rate ").append(snapshotRate);
        if (healTicks != DEFAULT_HEAL_TICKS) { // left out while the default (auto), for every shape
            s.append(" --heal-ticks ").append(healTicks == AUTO_HEAL_TICKS ? "auto" : String.valueOf(healTicks));
        }
        return s.toString();
    }
}
