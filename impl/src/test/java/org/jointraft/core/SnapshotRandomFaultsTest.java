package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.jointraft.kv.KvStateMachine;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random runs like {@link RandomFaultsTest}, with every node applying its commits to a {@link KvStateMachine}
 * and taking snapshots at random, so that lagging nodes are caught up by InstallSnapshot. The network is a plain
 * list (VirtualCluster's storage does not persist snapshots), restarts are in place and rebuild the state machine
 * from the node's snapshot. Checked on every input: one entry committed per index, and one key-value state per
 * applied index, across all nodes; at the end, some snapshot was installed and the nodes converge.
 */
class SnapshotRandomFaultsTest {

    private static final int NODES = 4;

    private final Map<Integer, RaftNode> nodes = new TreeMap<>();
    private final Map<Integer, KvStateMachine> machines = new HashMap<>();
    private final List<Message> inFlight = new ArrayList<>();
    private final Map<Long, Entry> committed = new HashMap<>();
    private final Map<Long, Map<String, String>> stateAt = new HashMap<>();
    private int installs;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void safetyHoldsWithSnapshotsUnderRandomFaults(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RecordingObserver observer = new RecordingObserver();
        Membership bootstrap = Membership.of(1, 2, 3);
        for (int id = 1; id <= NODES; id++) {
            nodes.put(id, new RaftNode(NodeConfig.of(id, bootstrap, seed * 10 + id), observer));
            machines.put(id, new KvStateMachine(nodes.get(id).commitIndex()));
        }
        List<MembershipCall> calls = new ArrayList<>();
        List<Integer> callNodes = new ArrayList<>();
        for (int step = 0; step < 4000; step++) {
            int action = random.nextInt(100);
            int id = 1 + random.nextInt(NODES);
            RaftNode node = nodes.get(id);
            if (action < 30) {
                handle(id, node.tick());
            } else if (action < 72) {
                if (!inFlight.isEmpty()) {
                    Message m = inFlight.remove(random.nextInt(inFlight.size()));
                    handle(m.dest(), nodes.get(m.dest()).receive(m));
                }
            } else if (action < 76) {
                if (!inFlight.isEmpty()) {
                    inFlight.remove(random.nextInt(inFlight.size()));
                }
            } else if (action < 79) {
                if (!inFlight.isEmpty()) {
                    inFlight.add(inFlight.get(random.nextInt(inFlight.size())));
                }
            } else if (action < 80) {
                restart(id);
            } else if (action < 86) {
                KvStateMachine kv = machines.get(id);
                if (kv.appliedIndex() > node.snapshotIndex()) {
                    handle(id, node.takeSnapshot(kv.appliedIndex(), kv.snapshot()));
                }
            } else if (action < 97) {
                int leader = leader();
                if (leader != 0 && action < 95) {
                    Proposal p = nodes.get(leader).propose("set k" + random.nextInt(5) + " " + step);
                    handle(leader, p.ready());
                } else if (leader != 0 && calls.size() < 1) {
                    calls.add(MembershipCall.changeMembership(step + 1, List.of(randomChange(random)), true));
                    callNodes.add(leader);
                }
            }
            for (int k = calls.size() - 1; k >= 0; k--) {
                MembershipCall call = calls.get(k);
                handle(callNodes.get(k), call.poll(nodes.get(callNodes.get(k))));
                if (call.isDone()) {
                    calls.remove(k);
                    callNodes.remove(k);
                }
            }
        }
        // heal: deliver everything, with ticks, until the leader's commit index reaches every node
        for (int round = 0; round < 400; round++) {
            for (int id = 1; id <= NODES; id++) {
                handle(id, nodes.get(id).tick());
            }
            while (!inFlight.isEmpty()) {
                Message m = inFlight.remove(0);
                handle(m.dest(), nodes.get(m.dest()).receive(m));
            }
        }
        assertThat(observer.leadersElected()).as("leaders elected").isPositive();
        assertThat(nodes.values()).as("some node took a snapshot").anyMatch(n -> n.snapshotIndex() > 0);
        assertThat(installs).as("snapshots installed").isPositive();
        int leader = leader();
        assertThat(leader).as("a leader after healing").isPositive();
        for (int id : nodes.get(leader).effectiveMembership().members()) {
            assertThat(machines.get(id).appliedIndex()).as("node %d applied", id)
                    .isEqualTo(nodes.get(leader).commitIndex());
            assertThat(machines.get(id).entries()).as("node %d state", id).isEqualTo(machines.get(leader).entries());
        }
    }

    private int leader() {
        int best = 0;
        for (RaftNode n : nodes.values()) {
            if (n.role() == Role.LEADER && (best == 0 || n.currentTerm() > nodes.get(best).currentTerm())) {
                best = n.id();
            }
        }
        return best;
    }

    private void restart(int id) {
        RaftNode node = nodes.get(id);
        // the process lost its memory: the state machine starts again from the node's snapshot
        KvStateMachine kv = new KvStateMachine();
        if (node.snapshotIndex() > 0) {
            kv.restore(node.snapshot().data());
        }
        machines.put(id, kv);
        handle(id, node.restart());
    }

    private void handle(int id, Ready ready) {
        for (Message m : ready.messages()) {
            if (nodes.containsKey(m.dest())) {
                inFlight.add(m);
            }
        }
        for (int k = 0; k < ready.committed().size(); k++) {
            long index = ready.firstCommittedIndex() + k;
            Entry entry = ready.committed().get(k);
            Entry other = committed.putIfAbsent(index, entry);
            assertThat(other == null || other.equals(entry))
                    .as("node %d committed %s at %d, another node %s", id, entry, index, other).isTrue();
            assertThat(index).as("committed entries above the snapshot").isGreaterThan(nodes.get(id).snapshotIndex());
        }
        KvStateMachine kv = machines.get(id);
        if (ready.snapshot() != null && ready.snapshot().index() > kv.appliedIndex()) {
            installs++;
        }
        kv.apply(ready);
        Map<String, String> state = Map.copyOf(kv.entries());
        Map<String, String> other = stateAt.putIfAbsent(kv.appliedIndex(), state);
        assertThat(other == null || other.equals(state))
                .as("node %d's state at %d is %s, another node's %s", id, kv.appliedIndex(), state, other).isTrue();
    }

    private static MembershipChange randomChange(SplittableRandom random) {
        Set<Integer> one = Set.of(1 + random.nextInt(NODES));
        return switch (random.nextInt(3)) {
            case 0 -> new MembershipChange.AddVoters(one);
            case 1 -> new MembershipChange.RemoveVoters(one);
            default -> new MembershipChange.AddLearners(one);
        };
    }
}
