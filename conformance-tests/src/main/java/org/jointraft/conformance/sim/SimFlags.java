package org.jointraft.conformance.sim;

import org.jointraft.conformance.options.Range;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command-line flags of {@link SimOptions}, as a picocli mixin: {@code simulate}, {@code hunt} and
 * {@code bench-sim} take them, and {@link #parse} reads a trace header's {@code options} text with the same
 * declarations, so a run replays from its header with exactly the parser that read its flags. {@code --shape} picks
 * the starting values ({@link Shape#options}); every other flag given overrides its value, whatever the order. The
 * defaults are those of {@link SimOptions#defaults}. Each value is checked against its {@link Range} while parsing,
 * so a bad one stops a command before it starts any work; {@link #toOptions} adds the one rule between two flags
 * (voters at most nodes).
 */
public final class SimFlags {

    private static final String SHAPE_DEFAULT = "Default: the shape's (the default shape's: ";

    @Option(names = "--shape", paramLabel = "NAME", converter = ShapeName.class,
            description = "the workload to start from: " + "default, conflict-heavy, slow-links, membership-churn, "
                    + "crash-heavy, seed-like, or mix (each run's shape picked from its seed); the other run options "
                    + "override its values. Default: default (hunt: mix)")
    Shape shape;

    @Option(names = "--nodes", paramLabel = "N", converter = NodeCount.class,
            description = "node ids 1..N, N from 1 to " + SimOptions.MAX_NODES + ". " + SHAPE_DEFAULT
                    + SimOptions.DEFAULT_NODES + ")")
    Integer nodes;

    @Option(names = "--voters", paramLabel = "V", converter = NodeCount.class,
            description = "bootstrap voters {1..V}, V from 1 to N (so at most " + SimOptions.MAX_NODES + "); the others "
                    + "start empty. Default: min(N, the shape's) (the default shape's: " + SimOptions.DEFAULT_VOTERS
                    + ")")
    Integer voters;

    @Option(names = "--steps", paramLabel = "K", converter = StepCount.class,
            description = "virtual ticks, 0 to " + SimOptions.MAX_STEPS + " (a 3-node run traces about 200 bytes "
                    + "per tick). " + SHAPE_DEFAULT + SimOptions.DEFAULT_STEPS + ")")
    Integer steps;

    @Option(names = "--faults", paramLabel = "LIST", converter = FaultList.class,
            description = "comma-separated faults: drop,duplicate,reorder,partition,oneway,crash,membership, or all "
                    + "or none. " + SHAPE_DEFAULT + SimOptions.DEFAULT_FAULTS + ")")
    String faults;

    @Option(names = "--write-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "client write chance per tick, 0 to 1. " + SHAPE_DEFAULT + SimOptions.DEFAULT_WRITE_RATE + ")")
    Double writeRate;

    @Option(names = "--membership-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "chance per tick that a membership call starts, 0 to 1. " + SHAPE_DEFAULT
                    + SimOptions.DEFAULT_MEMBERSHIP_RATE + ")")
    Double membershipRate;

    @Option(names = "--message-fault-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "sets both --drop-rate and --duplicate-rate, 0 to 1. " + SHAPE_DEFAULT
                    + SimOptions.DEFAULT_MESSAGE_FAULT_RATE + ")")
    Double messageFaultRate;

    @Option(names = "--drop-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "chance per delivery that a message is lost, 0 to 1. Default: --message-fault-rate")
    Double dropRate;

    @Option(names = "--duplicate-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "chance per delivery that a message is copied, 0 to 1. Default: --message-fault-rate")
    Double duplicateRate;

    @Option(names = "--node-fault-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "sets both --partition-rate and --crash-rate, 0 to 1. " + SHAPE_DEFAULT
                    + SimOptions.DEFAULT_NODE_FAULT_RATE + ")")
    Double nodeFaultRate;

    @Option(names = "--partition-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "chance per tick that a partition or one-way cut starts, 0 to 1. "
                    + "Default: --node-fault-rate")
    Double partitionRate;

    @Option(names = "--crash-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "chance per tick that a node crashes, 0 to 1. Default: --node-fault-rate")
    Double crashRate;

    @Option(names = "--max-delay", paramLabel = "T", converter = Range.Positive.class,
            description = "message delay 1..T ticks, T at least 1. " + SHAPE_DEFAULT + SimOptions.DEFAULT_MAX_DELAY
                    + ")")
    Integer maxDelay;

    @Option(names = "--max-batch", paramLabel = "B", converter = Range.Positive.class,
            description = "most entries in one AppendEntries, at least 1 (small values exercise log repair). "
                    + SHAPE_DEFAULT + SimOptions.DEFAULT_MAX_BATCH + ")")
    Integer maxBatch;

    @Option(names = "--slow-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "chance per message that it is slow (T+1..T+--slow-delay ticks), 0 to 1. " + SHAPE_DEFAULT
                    + SimOptions.DEFAULT_SLOW_RATE + ")")
    Double slowRate;

    @Option(names = "--slow-delay", paramLabel = "D", converter = Range.Positive.class,
            description = "the extra ticks a slow message may take, at least 1 (beyond 20, the longest election "
                    + "timeout, a reply can arrive terms late). " + SHAPE_DEFAULT + SimOptions.DEFAULT_SLOW_DELAY + ")")
    Integer slowDelay;

    @Option(names = "--partition-ticks", paramLabel = "T", converter = PartitionTicks.class,
            description = "partitions and one-way cuts heal after 10..T ticks, T from 10 to " + SimOptions.MAX_STEPS
                    + ". " + SHAPE_DEFAULT + SimOptions.DEFAULT_PARTITION_TICKS + ")")
    Integer partitionTicks;

    @Option(names = "--in-place-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "chance that a crashed node comes back through RaftNode.restart() on the same object "
                    + "rather than RaftNode.recover from its disk, 0 to 1. " + SHAPE_DEFAULT
                    + SimOptions.DEFAULT_IN_PLACE_RATE + ")")
    Double inPlaceRate;

    @Option(names = "--sync-crash-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "chance per tick or delivery whose output writes to disk that the node crashes after the "
                    + "write and before the sync (the writes are lost, no message leaves), 0 to 1. " + SHAPE_DEFAULT
                    + SimOptions.DEFAULT_SYNC_CRASH_RATE + ")")
    Double syncCrashRate;

    @Option(names = "--snapshot-rate", paramLabel = "P", converter = Range.Probability.class,
            description = "chance per node tick that a node whose state machine is ahead of its snapshot takes one "
                    + "(compacting its log; lagging nodes then get an InstallSnapshot), 0 to 1. " + SHAPE_DEFAULT
                    + SimOptions.DEFAULT_SNAPSHOT_RATE + ")")
    Double snapshotRate;

    @Option(names = "--max-calls", paramLabel = "N", converter = CallCount.class,
            description = "most membership calls open at once, 1 to " + SimOptions.MAX_CALLS + ". "
                    + SHAPE_DEFAULT + SimOptions.DEFAULT_MAX_CALLS + ")")
    Integer maxCalls;

    @Option(names = "--heal-ticks", paramLabel = "N", converter = HealTicks.class,
            description = "the liveness phase after the faulty ticks: heal everything, start no new calls, and "
                    + "require one leader, every call ended and every member's log equal and committed within N "
                    + "ticks; auto derives N from the timeouts and the logs (docs/simulator.md), 0 turns the phase "
                    + "off. Default: auto")
    Integer healTicks;

    /** {@code auto} ({@link SimOptions#AUTO_HEAL_TICKS}) or 0 to {@link SimOptions#MAX_STEPS} ticks. */
    public static final class HealTicks implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) throws Exception {
            return "auto".equals(text) ? SimOptions.AUTO_HEAL_TICKS : new StepCount().convert(text);
        }
    }

    /** 1 to {@link SimOptions#MAX_NODES}: of {@code --nodes}, and of {@code --voters} before it is compared with N. */
    public static final class NodeCount extends Range.WholeNumber {
        public NodeCount() {
            super(SimOptions.NODES);
        }
    }

    /** 0 to {@link SimOptions#MAX_STEPS} ticks. */
    public static final class StepCount extends Range.WholeNumber {
        public StepCount() {
            super(SimOptions.STEPS);
        }
    }

    /** {@link SimOptions#MIN_PARTITION_TICKS} ticks or more. */
    public static final class PartitionTicks extends Range.WholeNumber {
        public PartitionTicks() {
            super(SimOptions.PARTITION_TICKS);
        }
    }

    /** {@link SimOptions#CALLS}. */
    public static final class CallCount extends Range.WholeNumber {
        public CallCount() {
            super(SimOptions.CALLS);
        }
    }

    /** A shape name, or {@code mix}; an unknown one is refused with the list of shapes. */
    public static final class ShapeName implements CommandLine.ITypeConverter<Shape> {
        @Override
        public Shape convert(String text) {
            try {
                return Shape.parse(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** A list {@link Fault#parseList} reads (the text is kept; {@link #toOptions} parses it). */
    public static final class FaultList implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String text) {
            try {
                Fault.parseList(text);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
            return text;
        }
    }

    /** The shape given ({@link Shape#MIX} included), {@link Shape#DEFAULT} when none was. */
    public Shape shape() {
        return shapeOr(Shape.DEFAULT);
    }

    /** The shape given, {@code whenNone} when none was ({@code hunt} starts from {@link Shape#MIX}). */
    public Shape shapeOr(Shape whenNone) {
        return shape == null ? whenNone : shape;
    }

    /** {@link #toOptions(long)} starting from {@code whenNone} when no {@code --shape} was given. */
    public SimOptions toOptions(long seed, Shape whenNone) {
        return toOptions(seed, shapeOr(whenNone).options(seed));
    }

    /**
     * The options these flags give for {@code seed}: the shape's values (for {@code mix}, those of the shape the seed
     * picks) with every flag given put over them.
     *
     * @throws IllegalArgumentException when {@code --voters} is larger than {@code --nodes}
     */
    public SimOptions toOptions(long seed) {
        return toOptions(seed, Shape.DEFAULT);
    }

    private SimOptions toOptions(long seed, SimOptions base) {
        return base.with(v -> {
            v.nodes = nodes != null ? nodes : base.nodes();
            v.voters = voters != null ? voters : Math.min(v.nodes, base.voters());
            v.steps = steps != null ? steps : base.steps();
            v.faults = faults != null ? Fault.parseList(faults) : base.faults();
            v.writeRate = writeRate != null ? writeRate : base.writeRate();
            v.membershipRate = membershipRate != null ? membershipRate : base.membershipRate();
            v.dropRate = first(dropRate, messageFaultRate, base.dropRate());
            v.duplicateRate = first(duplicateRate, messageFaultRate, base.duplicateRate());
            v.partitionRate = first(partitionRate, nodeFaultRate, base.partitionRate());
            v.crashRate = first(crashRate, nodeFaultRate, base.crashRate());
            v.maxDelay = maxDelay != null ? maxDelay : base.maxDelay();
            v.maxBatch = maxBatch != null ? maxBatch : base.maxBatch();
            v.slowRate = slowRate != null ? slowRate : base.slowRate();
            v.slowDelay = slowDelay != null ? slowDelay : base.slowDelay();
            v.partitionTicks = partitionTicks != null ? partitionTicks : base.partitionTicks();
            v.inPlaceRate = inPlaceRate != null ? inPlaceRate : base.inPlaceRate();
            v.syncCrashRate = syncCrashRate != null ? syncCrashRate : base.syncCrashRate();
            v.snapshotRate = snapshotRate != null ? snapshotRate : base.snapshotRate();
            v.maxCalls = maxCalls != null ? maxCalls : base.maxCalls();
            v.healTicks = healTicks != null ? healTicks : base.healTicks();
        });
    }

    private static double first(Double specific, Double shorthand, double otherwise) {
        return specific != null ? specific : shorthand != null ? shorthand : otherwise;
    }

    /**
     * Reads a {@link SimOptions#format()} string (flags in any order; missing ones keep their shape's values), as the
     * command line does.
     *
     * @throws IllegalArgumentException naming the flag or value that is wrong
     */
    public static SimOptions parse(String text, long seed) {
        return flags(text).toOptions(seed);
    }

    /**
     * Reads the {@code options} of a trace header: {@link #parse}, except that a missing {@code --snapshot-rate} is
     * {@link SimOptions#HEADER_SNAPSHOT_RATE} (0), since {@link SimOptions#format()} always writes it and a header
     * without it was written before snapshots existed, by a run that took none.
     *
     * @throws IllegalArgumentException naming the flag or value that is wrong
     */
    public static SimOptions parseHeader(String text, long seed) {
        SimFlags flags = flags(text);
        if (flags.snapshotRate == null) {
            flags.snapshotRate = SimOptions.HEADER_SNAPSHOT_RATE;
        }
        return flags.toOptions(seed);
    }

    private static SimFlags flags(String text) {
        SimFlags flags = new SimFlags();
        String trimmed = text.trim();
        try {
            new CommandLine(flags).parseArgs(trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+"));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + text + "'", e);
        }
        return flags;
    }
}
