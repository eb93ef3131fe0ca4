package org.jointraft.conformance.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.jointraft.cluster.NodeStatus;

/**
 * The random decisions of a {@link Simulator} run, taken once per tick before the cluster ticks: partitions start and
 * heal, nodes crash, clients write, membership calls start and are held between their steps. Each concern draws from
 * its own random source, and the per-tick draws are made whether or not their fault is enabled, so switching one fault
 * off (as the {@link Shrinker} does) leaves the rest of the run as alike as possible.
 */
final class RandomWorkload {

    /** The key space of client writes: small, so keys are overwritten often. */
    private static final int KEYS = 5;

    private final SimOptions options;
    private final Cluster cluster;
    private final SplittableRandom partitions;
    private final SplittableRandom crashes;
    private final SplittableRandom writes;
    private final SplittableRandom membership;
    private final SplittableRandom restarts;
    private final SplittableRandom syncCrashes;
    private final SplittableRandom snapshots;
    private final RandomCalls randomCalls;
    private final Map<Long, Long> releaseAt = new HashMap<>();
    private long healAt = -1;
    private long writeCount;

    RandomWorkload(SimOptions options, Cluster cluster) {
        this.options = options;
        this.cluster = cluster;
        SplittableRandom root = new SplittableRandom(options.seed() * 0x2545F4914F6CDD1DL + 1);
        this.partitions = root.split();
        this.crashes = root.split();
        this.writes = root.split();
        this.membership = root.split();
        this.randomCalls = new RandomCalls(membership.split(), options.nodes());
        this.restarts = root.split();
        this.syncCrashes = root.split();
        this.snapshots = root.split(); // split last and drawn only when asked: a rate of 0 leaves every other draw as it was
        if (options.faults().contains(Fault.CRASH) && options.syncCrashRate() > 0) {
            cluster.syncFaults((node, ready) -> maybeCrashBeforeSync());
        }
        if (options.snapshotRate() > 0) {
            cluster.snapshots((node, applied, snapshotIndex) -> snapshots.nextDouble() < options.snapshotRate());
        }
    }

    long writes() {
        return writeCount;
    }

    void beforeTick() {
        long now = cluster.now();
        maybePartition(now);
        maybeCrash();
        if (writes.nextDouble() < options.writeRate() && cluster.write(command(writeCount + 1))) {
            writeCount++;
        }
        maybeStartCall(now);
        for (SimCall c : cluster.calls()) {
            Long at = releaseAt.get(c.id());
            if (c.held() && at != null && now >= at) {
                c.setHold(false);
            }
        }
    }

    /**
     * Write {@code n} as a key-value command: five keys, so later writes overwrite earlier ones and a snapshot holds
     * state that differs from replaying a suffix; the value names the write, so every entry stays distinct.
     */
    static String command(long n) {
        return "set k" + (n % KEYS) + " w" + n;
    }

    private void maybePartition(long now) {
        double draw = partitions.nextDouble();
        if (healAt >= 0) {
            if (now >= healAt) {
                cluster.heal();
                healAt = -1;
            }
            return;
        }
        boolean symmetric = options.faults().contains(Fault.PARTITION);
        boolean oneWay = options.faults().contains(Fault.ONEWAY);
        if ((!symmetric && !oneWay) || draw >= options.partitionRate() || options.nodes() < 2) {
            return;
        }
        if (symmetric && (!oneWay || partitions.nextBoolean())) {
            Set<Integer> side = new TreeSet<>();
            int size = 1 + partitions.nextInt(options.nodes() - 1);
            while (side.size() < size) {
                side.add(1 + partitions.nextInt(options.nodes()));
            }
            cluster.partition(side);
        } else {
            int links = 1 + partitions.nextInt(options.nodes());
            for (int k = 0; k < links; k++) {
                int a = 1 + partitions.nextInt(options.nodes());
                int b = 1 + partitions.nextInt(options.nodes());
                if (a != b) {
                    cluster.cutOneWay(a, b);
                }
            }
        }
        healAt = now + SimOptions.MIN_PARTITION_TICKS
                + partitions.nextInt(options.partitionTicks() - SimOptions.MIN_PARTITION_TICKS + 1);
    }

    private void maybeCrash() {
        double draw = crashes.nextDouble();
        if (!options.faults().contains(Fault.CRASH) || draw >= options.crashRate()) {
            return;
        }
        List<Integer> up = up();
        if (!mayCrashOneMore(up)) {
            return;
        }
        int node = up.get(crashes.nextInt(up.size()));
        long downTicks = 5 + crashes.nextInt(36);
        cluster.crash(node, downTicks, restarts.nextDouble() < options.inPlaceRate());
    }

    /** The ticks a node that wrote an output stays down if it crashes before the sync, or -1 (no crash). */
    private long maybeCrashBeforeSync() {
        if (syncCrashes.nextDouble() >= options.syncCrashRate() || !mayCrashOneMore(up())) {
            return -1;
        }
        return 5 + syncCrashes.nextInt(36);
    }

    private List<Integer> up() {
        List<Integer> up = new ArrayList<>();
        for (int id = 1; id <= options.nodes(); id++) {
            if (cluster.status(id) == NodeStatus.UP) {
                up.add(id);
            }
        }
        return up;
    }

    /** Keeps a majority of the nodes able to run, so the cluster can still make progress. */
    private boolean mayCrashOneMore(List<Integer> up) {
        int down = 0;
        for (int id = 1; id <= options.nodes(); id++) {
            if (cluster.status(id) == NodeStatus.CRASHED) {
                down++;
            }
        }
        return !up.isEmpty() && down < Math.max(1, (options.nodes() - 1) / 2);
    }

    private void maybeStartCall(long now) {
        double draw = membership.nextDouble();
        if (!options.faults().contains(Fault.MEMBERSHIP) || draw >= options.membershipRate()) {
            return;
        }
        int open = 0;
        for (SimCall c : cluster.calls()) {
            open += c.isDone() ? 0 : 1;
        }
        int leader = cluster.leader();
        if (open >= options.maxCalls() || leader == 0) {
            return;
        }
        SimCall call = randomCalls.start(cluster, leader);
        if (membership.nextInt(3) == 0) { // hold some calls between their steps: the interleavings of parallel calls
            call.setHold(true);
            releaseAt.put(call.id(), now + 5 + membership.nextInt(40));
        }
    }
}
