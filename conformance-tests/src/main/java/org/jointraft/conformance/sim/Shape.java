package org.jointraft.conformance.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

/**
 * Named workloads: each is a set of {@link SimOptions} values aimed at some of the paths where Raft bugs live (see
 * docs/simulator.md, "Workload shapes", for what each reaches). {@link #DEFAULT} is the simulator's behaviour before
 * shapes existed. {@link #MIX} is no shape of its own: it picks one of the others from each run's seed
 * ({@link #forSeed}), so a hunt over consecutive seeds runs a mix, and a run of the mix replays as a run of the shape
 * it got (its header says which).
 */
public enum Shape {
    /** Today's defaults: 3 voters, 300 ticks, every fault at low rates, a write every 5 ticks. */
    DEFAULT(o -> o),
    /**
     * Five voters and many writes with small AppendEntries batches, long partitions: a leader cut off with writes it
     * cannot commit leaves followers with long conflicting suffixes, repaired over many round trips. No snapshots:
     * an InstallSnapshot would replace the repair this shape is for.
     */
    CONFLICT_HEAVY(o -> o.withNodes(5).withVoters(5).withSteps(400).withWriteRate(0.6).withMaxBatch(3)
            .withPartitionRate(0.02).withPartitionTicks(80).withCrashRate(0.005).withSnapshotRate(0)),
    /**
     * Some messages take longer than an election timeout and links reorder: replies of earlier terms arrive after
     * their sender moved on, and stalled links make followers time out while the leader still runs.
     */
    SLOW_LINKS(o -> o.withNodes(5).withVoters(5).withSteps(400).withWriteRate(0.3).withSlowRate(0.05)
            .withSlowDelay(40).withDropRate(0.02).withDuplicateRate(0.05).withPartitionRate(0.003)
            .withCrashRate(0.003)),
    /** Two spare nodes, many concurrent membership calls (three open at once), some held between their steps. */
    MEMBERSHIP_CHURN(o -> o.withNodes(5).withVoters(3).withSteps(500).withMembershipRate(0.1).withMaxCalls(3)
            .withMessageFaultRate(0.02).withNodeFaultRate(0.004)),
    /**
     * Five voters that crash often; half of them come back through the in-place {@code restart()}, and some crash
     * between writing an output and syncing it.
     */
    CRASH_HEAVY(o -> o.withNodes(5).withVoters(5).withSteps(400).withWriteRate(0.3).withCrashRate(0.03)
            .withInPlaceRate(0.5).withPartitionRate(0.003).withSyncCrashRate(0.002)),
    /**
     * The seed's setting: one bootstrap voter, two nodes to add and remove, concurrent membership calls on an almost
     * reliable network, so the parallel-calls interleavings and their joint results come up often.
     */
    SEED_LIKE(o -> o.withVoters(1).withMembershipRate(0.1).withWriteRate(0.1).withMessageFaultRate(0.01)
            .withNodeFaultRate(0.002)),
    /**
     * Frequent snapshots under long partitions and membership churn: nodes cut off with uncommitted entries (member
     * entries among them) come back to leaders that compacted past them, so InstallSnapshot meets conflicting logs,
     * newer uncommitted memberships and crashes between write and sync.
     */
    SNAPSHOT_HEAVY(o -> o.withNodes(5).withVoters(3).withSteps(500).withWriteRate(0.3).withMembershipRate(0.08)
            .withMaxCalls(2).withSnapshotRate(0.1).withPartitionRate(0.01).withPartitionTicks(60)
            .withCrashRate(0.008).withSyncCrashRate(0.002)),
    /** One of the other shapes per run, chosen from the run's seed with the weights of {@link #MIX_WEIGHTS}. */
    MIX(o -> o);

    /** The shapes of the mix and their weights (a shape with weight 2 gets twice the runs of one with weight 1). */
    public static final List<Weighted> MIX_WEIGHTS = List.of(new Weighted(DEFAULT, 1), new Weighted(CONFLICT_HEAVY, 1),
            new Weighted(SLOW_LINKS, 1), new Weighted(MEMBERSHIP_CHURN, 1), new Weighted(CRASH_HEAVY, 1),
            new Weighted(SEED_LIKE, 1), new Weighted(SNAPSHOT_HEAVY, 1));

    /** A shape and its share of the mix. */
    public record Weighted(Shape shape, int weight) { }

    private final UnaryOperator<SimOptions> preset;

    Shape(UnaryOperator<SimOptions> preset) {
        this.preset = preset;
    }

    /** The name used on the command line, e.g. {@code conflict-heavy}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The concrete shape of a run with {@code seed}: this one, or for {@link #MIX} the one the seed picks. */
    public Shape forSeed(long seed) {
        if (this != MIX) {
            return this;
        }
        int total = 0;
        for (Weighted w : MIX_WEIGHTS) {
            total += w.weight();
        }
        int k = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L).nextInt(total);
        for (Weighted w : MIX_WEIGHTS) {
            k -= w.weight();
            if (k < 0) {
                return w.shape();
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The options of this shape for a run with {@code seed} (for {@link #MIX}: of the shape the seed picks). */
    public SimOptions options(long seed) {
        Shape s = forSeed(seed);
        return s.preset.apply(SimOptions.defaults(seed)).withShape(s);
    }

    /** Every name {@link #parse} accepts, comma-separated. */
    public static String names() {
        List<String> names = new ArrayList<>();
        for (Shape s : values()) {
            names.add(s.cliName());
        }
        return String.join(", ", names);
    }

    /**
     * The shape called {@code name}.
     *
     * @throws IllegalArgumentException naming the unknown shape and the known ones
     */
    public static Shape parse(String name) {
        for (Shape s : values()) {
            if (s.cliName().equals(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown shape '" + name + "'; the shapes are: " + names());
    }
}
