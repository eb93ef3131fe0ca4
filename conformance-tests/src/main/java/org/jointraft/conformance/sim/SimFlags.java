package org.jointraft.conformance.sim;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The command-line flags of {@link SimOptions}, as a picocli mixin: {@code simulate}, {@code hunt} and
 * {@code bench-sim} take them, and {@link #parse} reads a trace header's {@code options} text with the same
 * declarations, so a run replays from its header with exactly the parser that read its flags. The defaults are
 * those of {@link SimOptions#defaults}.
 */
public final class SimFlags {

    @Option(names = "--nodes", defaultValue = "" + SimOptions.DEFAULT_NODES, paramLabel = "N",
            description = "node ids 1..N. Default: ${DEFAULT-VALUE}")
    int nodes;

    @Option(names = "--voters", paramLabel = "V", description = "bootstrap voters {1..V}; the others start empty. "
            + "Default: min(N, " + SimOptions.DEFAULT_VOTERS + ")")
    Integer voters;

    @Option(names = "--steps", defaultValue = "" + SimOptions.DEFAULT_STEPS, paramLabel = "K",
            description = "virtual ticks. Default: ${DEFAULT-VALUE}")
    int steps;

    @Option(names = "--faults", defaultValue = SimOptions.DEFAULT_FAULTS, paramLabel = "LIST",
            description = "comma-separated faults: drop,duplicate,reorder,partition,oneway,crash,membership, or all "
                    + "or none. Default: ${DEFAULT-VALUE}")
    String faults;

    @Option(names = "--write-rate", defaultValue = "" + SimOptions.DEFAULT_WRITE_RATE, paramLabel = "P",
            description = "client write chance per tick. Default: ${DEFAULT-VALUE}")
    double writeRate;

    @Option(names = "--membership-rate", defaultValue = "" + SimOptions.DEFAULT_MEMBERSHIP_RATE, paramLabel = "P",
            description = "chance per tick that a membership call starts. Default: ${DEFAULT-VALUE}")
    double membershipRate;

    @Option(names = "--message-fault-rate", defaultValue = "" + SimOptions.DEFAULT_MESSAGE_FAULT_RATE,
            paramLabel = "P", description = "drop (and, separately, duplicate) chance per delivery. "
            + "Default: ${DEFAULT-VALUE}")
    double messageFaultRate;

    @Option(names = "--node-fault-rate", defaultValue = "" + SimOptions.DEFAULT_NODE_FAULT_RATE, paramLabel = "P",
            description = "partition (and, separately, crash) chance per tick. Default: ${DEFAULT-VALUE}")
    double nodeFaultRate;

    @Option(names = "--max-delay", defaultValue = "" + SimOptions.DEFAULT_MAX_DELAY, paramLabel = "T",
            description = "message delay 1..T ticks. Default: ${DEFAULT-VALUE}")
    int maxDelay;

    @Option(names = "--max-batch", defaultValue = "" + SimOptions.DEFAULT_MAX_BATCH, paramLabel = "B",
            description = "most entries in one AppendEntries (small values exercise log repair). "
                    + "Default: ${DEFAULT-VALUE}")
    int maxBatch;

    /**
     * The options these flags give for {@code seed}.
     *
     * @throws IllegalArgumentException naming the value that is out of range
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
