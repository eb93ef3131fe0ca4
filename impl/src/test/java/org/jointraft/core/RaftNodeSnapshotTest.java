package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.jointraft.core.Message.AppendEntries;
import org.jointraft.core.Message.AppendEntriesResponse;
import org.jointraft.core.Message.InstallSnapshot;
import org.jointraft.core.Message.RequestVote;
import org.junit.jupiter.api.Test;

/** Snapshots, compaction and InstallSnapshot (docs/protocol-contract.md, "Snapshots and compaction"). */
class RaftNodeSnapshotTest {

    private static final Membership THREE = Membership.of(1, 2, 3);
    private static final Membership FOUR = Membership.of(1, 2, 3, 4);
    private static final byte[] DATA = {7, 8, 9};

    private final RecordingObserver observer = new RecordingObserver();

    /** Three nodes and a lossless network that holds messages to down nodes back until they are up. */
    private final class Net {
        final Map<Integer, RaftNode> nodes = new TreeMap<>();
        final Deque<Message> inFlight = new ArrayDeque<>();
        final Set<Integer> down = new HashSet<>();
        final List<Message> delivered = new ArrayList<>();

        Net() {
            for (int id = 1; id <= 3; id++) {
                nodes.put(id, new RaftNode(NodeConfig.of(id, THREE, id), observer));
            }
        }

        RaftNode node(int id) {
            return nodes.get(id);
        }

        /** Queues the messages; those to a node outside the three are lost. */
        void handle(Ready ready) {
            ready.messages().stream().filter(m -> nodes.containsKey(m.dest())).forEach(inFlight::add);
        }

        void deliverAll() {
            for (int round = 0; round < 1000 && inFlight.stream().anyMatch(m -> !down.contains(m.dest())); round++) {
                Message m = inFlight.removeFirst();
                if (down.contains(m.dest())) {
                    inFlight.addLast(m);
                } else {
                    delivered.add(m);
                    handle(node(m.dest()).receive(m));
                }
            }
        }

        /** Node 1 times out and wins term 1 with the others' votes. */
        void electNodeOne() {
            while (node(1).role() != Role.CANDIDATE) {
                handle(node(1).tick());
            }
            deliverAll();
            assertThat(node(1).role()).isEqualTo(Role.LEADER);
        }

        void heartbeat() {
            for (int i = 0; i < node(1).config().heartbeatInterval(); i++) {
                handle(node(1).tick());
            }
        }
    }

    private static RaftNode follower() {
        return new RaftNode(NodeConfig.of(3, THREE, 3), StepObserver.NONE);
    }

    private static InstallSnapshot install(long term, long lastIndex, long lastTerm, long memIndex, Membership m) {
        return new InstallSnapshot(term, 1, 3, lastIndex, lastTerm, memIndex, m, DATA);
    }

    @Test
    void aSnapshotMayBeTakenOnlyAboveTheCurrentSnapshotAndAtMostAtTheCommitIndex() {
        RaftNode node = new RaftNode(NodeConfig.of(1, Membership.of(1), 1), observer);
        while (node.role() != Role.LEADER) {
            node.tick();
        }
        node.propose("a");
        assertThat(node.commitIndex()).isEqualTo(3);
        assertThatThrownBy(() -> node.takeSnapshot(4, DATA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 4");
        assertThatThrownBy(() -> node.takeSnapshot(0, DATA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 0");
        Ready ready = node.takeSnapshot(2, DATA);
        assertThat(ready.snapshot()).isEqualTo(new Snapshot(2, 1, 1, Membership.of(1), DATA));
        assertThat(ready.persistLogFrom()).isZero();
        assertThat(ready.committed()).isEmpty();
        assertThat(node.snapshotIndex()).isEqualTo(2);
        assertThat(node.log()).containsExactly(Entry.normal(1, "a"));
        assertThat(node.lastLogIndex()).isEqualTo(3);
        assertThat(node.durableState().snapshot()).isEqualTo(ready.snapshot());
        RecordingObserver.Record last = observer.steps.get(observer.steps.size() - 1);
        assertThat(last.step()).isEqualTo(new Step.TakeSnapshot(2));
        assertThat(last.post().snapshotIndex()).isEqualTo(2);
        assertThatThrownBy(() -> node.takeSnapshot(2, DATA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("index 2");
    }

    @Test
    void theLeaderSendsItsSnapshotToAFollowerWhoseNextEntryItCompacted() {
        Net net = new Net();
        net.electNodeOne();
        net.down.add(3);
        for (int i = 0; i < 4; i++) {
            net.handle(net.node(1).propose("e" + i).ready());
        }
        net.deliverAll();
        assertThat(net.node(1).commitIndex()).isEqualTo(6);
        net.handle(net.node(1).takeSnapshot(6, DATA));
        net.inFlight.removeIf(m -> m.dest() == 3); // node 3 missed everything
        net.down.remove(3);
        net.heartbeat();
        InstallSnapshot sent = (InstallSnapshot) net.inFlight.stream().filter(m -> m.dest() == 3).findFirst()
                .orElseThrow();
        assertThat(sent).isEqualTo(new InstallSnapshot(1, 1, 3, 6, 1, 1, THREE, DATA));
        assertThat(observer.steps).anyMatch(r -> r.step().equals(new Step.SendInstallSnapshot(sent)));
        net.deliverAll();
        RaftNode follower = net.node(3);
        assertThat(follower.snapshot()).isEqualTo(new Snapshot(6, 1, 1, THREE, DATA));
        assertThat(follower.commitIndex()).isEqualTo(6);
        assertThat(follower.lastLogIndex()).isEqualTo(6);
        assertThat(net.node(1).matchIndex(3)).isEqualTo(6);
        // after the snapshot, entries again
        net.handle(net.node(1).propose("after").ready());
        net.deliverAll();
        net.heartbeat();
        net.deliverAll();
        assertThat(follower.log()).containsExactly(Entry.normal(1, "after"));
        assertThat(follower.commitIndex()).isEqualTo(7);
        assertThat(net.node(1).matchIndex(3)).isEqualTo(7);
    }

    @Test
    void aFollowerWhoseLogMatchesTheSnapshotKeepsTheSuffixAfterIt() {
        RaftNode follower = follower();
        follower.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(Entry.blank(1), Entry.normal(1, "a"),
                Entry.normal(1, "b")), 1));
        Ready ready = follower.receive(install(1, 3, 1, 1, THREE));
        assertThat(ready.messages()).containsExactly(new AppendEntriesResponse(1, 3, 1, true, 3));
        assertThat(ready.snapshot()).isEqualTo(new Snapshot(3, 1, 1, THREE, DATA));
        assertThat(ready.persistLogFrom()).isZero();
        assertThat(ready.committed()).isEmpty();
        assertThat(follower.snapshotIndex()).isEqualTo(3);
        assertThat(follower.commitIndex()).isEqualTo(3);
        assertThat(follower.log()).containsExactly(Entry.normal(1, "b"));
        assertThat(follower.lastLogIndex()).isEqualTo(4);
    }

    @Test
    void aFollowerWhoseLogConflictsWithTheSnapshotDiscardsItAndItsNewerUncommittedMembership() {
        RaftNode follower = follower();
        follower.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(Entry.blank(1), Entry.member(1, FOUR),
                Entry.normal(1, "x")), 1));
        assertThat(follower.effectiveMembership()).isEqualTo(FOUR);
        Ready ready = follower.receive(new InstallSnapshot(2, 2, 3, 3, 2, 1, THREE, DATA));
        assertThat(ready.messages()).containsExactly(new AppendEntriesResponse(2, 3, 2, true, 3));
        assertThat(follower.log()).isEmpty();
        assertThat(follower.lastLogIndex()).isEqualTo(3);
        assertThat(follower.lastLogTerm()).isEqualTo(2);
        assertThat(follower.effectiveMembership()).isEqualTo(THREE);
        assertThat(follower.effectiveMembershipIndex()).isEqualTo(1);
        assertThat(follower.commitIndex()).isEqualTo(3);
        assertThat(follower.currentTerm()).isEqualTo(2);
        assertThat(follower.leaderHint()).isEqualTo(2);
        assertThat(ready.persistLogFrom()).isEqualTo(4);
        assertThat(ready.persistEntries()).isEmpty();
        assertThat(ready.hardStateChanged()).isTrue();
    }

    @Test
    void anInstallSnapshotOfAStaleTermIsRefusedWithMatchIndexZero() {
        RaftNode follower = follower();
        follower.receive(new RequestVote(4, 2, 3, 1, 0));
        Ready ready = follower.receive(install(2, 5, 2, 1, THREE));
        assertThat(ready.messages()).containsExactly(new AppendEntriesResponse(4, 3, 1, false, 0));
        assertThat(ready.snapshot()).isNull();
        assertThat(follower.snapshotIndex()).isZero();
        assertThat(follower.currentTerm()).isEqualTo(4);
    }

    @Test
    void aSnapshotAtOrBelowTheCommitIndexIsNotInstalledButAcknowledged() {
        RaftNode follower = follower();
        follower.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(Entry.blank(1), Entry.normal(1, "a")), 3));
        assertThat(follower.commitIndex()).isEqualTo(3);
        Ready ready = follower.receive(install(1, 2, 1, 1, THREE));
        assertThat(ready.messages()).containsExactly(new AppendEntriesResponse(1, 3, 1, true, 2));
        assertThat(ready.snapshot()).isNull();
        assertThat(follower.snapshotIndex()).isZero();
        assertThat(follower.lastLogIndex()).isEqualTo(3);
    }

    @Test
    void aLeaderOfTheSameTermRefusesToHandleAnInstallSnapshot() {
        RaftNode node = new RaftNode(NodeConfig.of(3, Membership.of(3), 3), StepObserver.NONE);
        while (node.role() != Role.LEADER) {
            node.tick();
        }
        assertThatThrownBy(() -> node.receive(new InstallSnapshot(1, 1, 3, 5, 1, 0, Membership.of(3), DATA)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("two leaders");
    }

    @Test
    void anAppendEntriesWhosePrevIsBelowTheSnapshotMatchesAndSkipsTheCompactedEntries() {
        RaftNode follower = follower();
        follower.receive(install(1, 3, 1, 1, THREE));
        Ready ready = follower.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(Entry.blank(1), Entry.normal(1, "a"),
                Entry.normal(1, "b")), 4));
        assertThat(ready.messages()).containsExactly(new AppendEntriesResponse(1, 3, 1, true, 4));
        assertThat(follower.log()).containsExactly(Entry.normal(1, "b"));
        assertThat(ready.persistLogFrom()).isEqualTo(4);
        assertThat(ready.firstCommittedIndex()).isEqualTo(4);
        assertThat(ready.committed()).containsExactly(Entry.normal(1, "b"));
    }

    @Test
    void aRestartAfterASnapshotStartsTheCommitIndexAtTheSnapshotIndex() {
        RaftNode follower = follower();
        follower.receive(new AppendEntries(1, 1, 3, 1, 0, List.of(Entry.blank(1), Entry.normal(1, "a"),
                Entry.normal(1, "b")), 3));
        follower.takeSnapshot(3, DATA);
        follower.restart();
        assertThat(follower.commitIndex()).isEqualTo(3);
        RaftNode recovered = RaftNode.recover(follower.config(), follower.durableState(), StepObserver.NONE);
        assertThat(recovered.commitIndex()).isEqualTo(3);
        assertThat(recovered.snapshot()).isEqualTo(follower.snapshot());
        assertThat(recovered.log()).containsExactly(Entry.normal(1, "b"));
        assertThat(recovered.lastLogIndex()).isEqualTo(4);
        Ready ready = recovered.receive(new AppendEntries(1, 1, 3, 4, 1, List.of(), 4));
        assertThat(ready.firstCommittedIndex()).isEqualTo(4);
        assertThat(ready.committed()).containsExactly(Entry.normal(1, "b"));
    }

    @Test
    void aMembershipCallWhoseEntryWasCompactedSucceedsWhileItsLeaderStillLeads() {
        Net net = new Net();
        net.electNodeOne();
        Membership target = Membership.uniform(Set.of(1, 2, 3), Set.of(4));
        MembershipCall call = MembershipCall.proposeMembership(1, target);
        net.handle(call.poll(net.node(1)));
        assertThat(call.phase()).isEqualTo(MembershipCall.Phase.AWAITING_STEP1);
        net.deliverAll();
        net.handle(net.node(1).takeSnapshot(net.node(1).commitIndex(), DATA));
        assertThat(net.node(1).snapshotIndex()).isGreaterThanOrEqualTo(call.proposedIndex());
        call.poll(net.node(1));
        assertThat(call.outcome().ok()).isTrue();
        assertThat(call.outcome().membership()).isEqualTo(target);
    }

    @Test
    void aMembershipCallWhoseEntryWasCompactedFailsOnceItsLeaderLostTheTerm() {
        Net net = new Net();
        net.electNodeOne();
        MembershipCall call = MembershipCall.proposeMembership(1, Membership.uniform(Set.of(1, 2, 3), Set.of(4)));
        net.handle(call.poll(net.node(1)));
        net.deliverAll();
        net.node(1).takeSnapshot(net.node(1).commitIndex(), DATA);
        net.node(1).receive(new AppendEntriesResponse(5, 2, 1, false, 0)); // a higher term deposes it
        assertThat(net.node(1).role()).isEqualTo(Role.FOLLOWER);
        call.poll(net.node(1));
        assertThat(call.outcome().ok()).isFalse();
        assertThat(call.outcome().error()).isEqualTo(MembershipError.NOT_LEADER);
    }
}
