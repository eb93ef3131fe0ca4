package org.jointraft.conformance.sim;

import org.jointraft.conformance.options.Range;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command-line flags of {@link SimOptions}, as a picocli mixin: {@code simulate}, {@code hunt} and
 * {@code bench-sim} take them, and {@link #parse} reads a trace header's {@code options} text with the same
 * declarations, so a run replays from its header with exactly the parser that read its flags. The defaults are
 * those of {@link SimOptions#defaults}. Each value is checked against its {@link Range} while parsing, so a bad one
 * stops a command before it starts any work; {@link #toOptions} adds the one rule between two flags (voters at most
 * nodes).
 */
public final class SimFlags {

    @Option(names = "--nodes", defaultValue = "" + SimOptions.DEFAULT_NODES, paramLabel = "N",
            converter = NodeCount.class,
            description = "node ids 1..N, N from 1 to " + SimOptions.MAX_NODES + ". Default: ${DEFAULT-VALUE}")
    int nodes;

    @Option(names = "--voters", paramLabel = "V", converter = NodeCount.class,
            description = "bootstrap voters {1..V}, V from 1 to N (so at most " + SimOptions.MAX_NODES + "); the others "
                    + "start empty. Default: min(N, "
                    + SimOptions.DEFAULT_VOTERS + ")")
    Integer voters;

    @Option(names = "--steps", defaultValue = "" + SimOptions.DEFAULT_STEPS, paramLabel = "K",
            converter = StepCount.class,
            description = "virtual ticks, 0 to " + SimOptions.MAX_STEPS + " (a 3-node run traces about 200 bytes "
                    + "per tick). Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--faults", defaultValue = SimOptions.DEFAULT_FAULTS, paramLabel = "LIST",
            converter = FaultList.class,
            description = "comma-separated faults: drop,duplicate,reorder,partition,oneway,crash,membership, or all "
                    + "or none. Default: ${DEFAULT-VALUE}")
    String faults;

    @Option(names = "--write-rate", defaultValue = "" + SimOptions.DEFAULT_WRITE_RATE, paramLabel = "P",
            converter = Range.Probability.class,
            description = "client write chance per tick, 0 to 1. Default: ${DEFAULT-VALUE}")
    double writeRate;

    @Option(names = "--membership-rate", defaultValue = "" + SimOptions.DEFAULT_MEMBERSHIP_RATE, paramLabel = "P",
            converter = Range.Probability.class,
            description = "chance per tick that a membership call starts, 0 to 1. Default: ${DEFAULT-VALUE}")
    double membershipRate;

    @Option(names = "--message-fault-rate", defaultValue = "" + SimOptions.DEFAULT_MESSAGE_FAULT_RATE,
            paramLabel = "P", converter = Range.Probability.class,
            description = "drop (and, separately, duplicate) chance per delivery, 0 to 1. Default: ${DEFAULT-VALUE}")
    double messageFaultRate;

    @Option(names = "--node-fault-rate", defaultValue = "" + SimOptions.DEFAULT_NODE_FAULT_RATE, paramLabel = "P",
            converter = Range.Probability.class,
            description = "partition (and, separately, crash) chance per tick, 0 to 1. Default: ${DEFAULT-VALUE}")
    double nodeFaultRate;

    @Option(names = "--max-delay", defaultValue = "" + SimOptions.DEFAULT_MAX_DELAY, paramLabel = "T",
            converter = Range.Positive.class,
            description = "message delay 1..T ticks, T at least 1. Default: ${DEFAULT-VALUE}")
    int maxDelay;

    @Option(names = "--max-batch", defaultValue = "" + SimOptions.DEFAULT_MAX_BATCH, paramLabel = "B",
            converter = Range.Positive.class,
            description = "most entries in one AppendEntries, at least 1 (small values exercise log repair). "
                    + "Default: ${DEFAULT-VALUE}")
    int maxBatch;

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

    /**
     * The options these flags give for {@code seed}.
     *
     * @throws IllegalArgumentException when {@code --voters} is larger than {@code --nodes}
     */
    public SimOptions toOptions(long seed) {
        return new SimOptions(seed, nodes, voters == null ? Math.min(nodes, SimOptions.DEFAULT_VOTERS) : voters, steps,
                Fault.parseList(faults), writeRate, membershipRate, messageFaultRate, nodeFaultRate, maxDelay, maxBatch,
                null);
    }

    /**
     * Reads a {@link SimOptions#format()} string (flags in any order; missing ones keep their defaults).
     *
     * @throws IllegalArgumentException naming the flag or value that is wrong
     */
    public static SimOptions parse(String text, long seed) {
        SimFlags flags = new SimFlags();
        String trimmed = text.trim();
        try {
            new CommandLine(flags).parseArgs(trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+"));
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + " in '" + text + "'", e);
        }
        return flags.toOptions(seed);
    }
}
