package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records of the core refuse what no node could produce, at the boundary and with a message naming the field. */
class RecordChecksTest {

    private static final Membership ONE = Membership.of(1);

    private static NodeConfig config(int id, int min, int max, int heartbeat, int maxEntries) {
        return new NodeConfig(id, ONE, min, max, heartbeat, maxEntries, 0);
    }

    @Test
    void aNodeConfigTakesTheSmallestValuesThatLeaveRoomForAHeartbeat() {
        NodeConfig smallest = config(1, 2, 2, 1, 1);
        assertThat(smallest.electionTimeoutMax()).isEqualTo(smallest.electionTimeoutMin());
    }

    @Test
    void aNodeConfigRefusesEachValueJustOutsideItsRange() {
        assertThatThrownBy(() -> config(0, 2, 2, 1, 1)).hasMessage("node id 0 is not a positive int");
        assertThatThrownBy(() -> new NodeConfig(1, null, 2, 2, 1, 1, 0))
                .hasMessage("node 1: bootstrap membership is missing");
        assertThatThrownBy(() -> config(1, 0, 2, 1, 1))
                .hasMessage("node 1: election timeout range [0, 2] must be non-empty and start at 1 or more");
        assertThatThrownBy(() -> config(1, 3, 2, 1, 1))
                .hasMessage("node 1: election timeout range [3, 2] must be non-empty and start at 1 or more");
        assertThatThrownBy(() -> config(1, 1, 2, 1, 1)).hasMessage(
                "node 1: heartbeat interval 1 must be at least 1 and below the minimum election timeout 1");
        assertThatThrownBy(() -> config(1, 2, 2, 0, 1)).hasMessage(
                "node 1: heartbeat interval 0 must be at least 1 and below the minimum election timeout 2");
        assertThatThrownBy(() -> config(1, 2, 2, 2, 1)).hasMessage(
                "node 1: heartbeat interval 2 must be at least 1 and below the minimum election timeout 2");
        assertThatThrownBy(() -> config(1, 2, 2, 1, 0)).hasMessage("node 1: maxEntriesPerAppend 0 must be at least 1");
    }

    @Test
    void durableStateTakesTermAndVoteZeroAndALogWhoseTermsNeverFall() {
        DurableState state = new DurableState(0, 0, List.of(Entry.blank(1), Entry.blank(1), Entry.blank(2)));
        assertThat(state.log()).hasSize(3);
    }

    @Test
    void durableStateRefusesANegativeTermOrVoteAndALogWhoseTermFalls() {
        assertThatThrownBy(() -> new DurableState(-1, 0, List.of())).hasMessage("durable term -1 is negative");
        assertThatThrownBy(() -> new DurableState(0, -1, List.of())).hasMessage("durable votedFor -1 is negative");
        assertThatThrownBy(() -> new DurableState(2, 0, List.of(Entry.blank(1), Entry.blank(2), Entry.blank(1))))
                .hasMessage("durable log entry 3 has term 1, below the term 2 of entry 2");
    }

    @Test
    void durableStateKeepsACopyOfTheLog() {
        List<Entry> log = new ArrayList<>(List.of(Entry.blank(1)));
        DurableState state = new DurableState(1, 0, log);
        log.add(Entry.blank(1));
        assertThat(state.log()).containsExactly(Entry.blank(1));
    }

    @Test
    void anEntryCarriesAMembershipOnlyWhenMemberAndDataOnlyWhenNormal() {
        assertThat(Entry.blank(0).term()).isZero();
        assertThat(Entry.normal(1, null).data()).isNull();
        assertThatThrownBy(() -> Entry.blank(-1)).hasMessage("entry term -1 is negative");
        assertThatThrownBy(() -> new Entry(1, null, null, null)).hasMessage("entry kind is missing");
        assertThatThrownBy(() -> Entry.member(1, null)).hasMessage("a MEMBER entry needs membership");
        assertThatThrownBy(() -> new Entry(1, EntryKind.BLANK, ONE, null)).hasMessage("a BLANK entry takes no membership");
        assertThatThrownBy(() -> new Entry(1, EntryKind.BLANK, null, "x")).hasMessage("a BLANK entry takes no data");
        assertThatThrownBy(() -> new Entry(1, EntryKind.MEMBER, ONE, "x")).hasMessage("a MEMBER entry takes no data");
    }

    @Test
    void aCallStartWithoutChangesHasAnEmptyListAndOneWithChangesACopy() {
        CallEvent.Start explicit = new CallEvent.Start(1, CallOperation.PROPOSE_MEMBERSHIP, null, false, null, ONE);
        assertThat(explicit.changes()).isEmpty();
        List<MembershipChange> changes = new ArrayList<>(List.of(MembershipChange.addVoters(2)));
        CallEvent.Start change = new CallEvent.Start(2, CallOperation.CHANGE_MEMBERSHIP, changes, false, null, null);
        changes.clear();
        assertThat(change.changes()).containsExactly(MembershipChange.addVoters(2));
    }

    @Test
    void eachChangeFactoryNamesItsNodesInOrder() {
        assertThat(MembershipChange.replaceAllVoters(3, 2)).isEqualTo(new MembershipChange.ReplaceAllVoters(
                new java.util.TreeSet<>(List.of(2, 3))));
        assertThat(MembershipChange.removeLearners(5).nodes()).containsExactly(5);
        assertThat(MembershipChange.addLearners(6, 4).nodes()).containsExactly(4, 6);
        assertThat(MembershipChange.removeVoters(1).nodes()).containsExactly(1);
    }

    @Test
    void anInstallSnapshotComparesItsDataByValueAndKeepsItsOwnCopy() {
        byte[] data = {1, 2, 3};
        Message.InstallSnapshot m = new Message.InstallSnapshot(2, 1, 3, 5, 2, 1, ONE, data);
        data[0] = 9;
        assertThat(m.data()).containsExactly(1, 2, 3);
        m.data()[1] = 9;
        assertThat(m.data()).containsExactly(1, 2, 3);
        Message.InstallSnapshot same = new Message.InstallSnapshot(2, 1, 3, 5, 2, 1, ONE, new byte[] {1, 2, 3});
        assertThat(m).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(m).isNotEqualTo(new Message.InstallSnapshot(2, 1, 3, 5, 2, 1, ONE, new byte[] {1, 2, 4}));
        assertThat(m).isNotEqualTo(new Message.InstallSnapshot(2, 1, 3, 5, 2, 0, ONE, new byte[] {1, 2, 3}));
        assertThat(m.snapshot()).isEqualTo(new Snapshot(5, 2, 1, ONE, new byte[] {1, 2, 3}));
        assertThat(Message.InstallSnapshot.of(2, 1, 3, m.snapshot())).isEqualTo(m);
        assertThat(m.toString()).contains("lastIndex=5").contains("3 bytes");
        assertThatThrownBy(() -> new Message.InstallSnapshot(2, 1, 3, 5, 2, 1, null, data))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodeStateOfTheOldShapeHasNoSnapshot() {
        assertThat(new NodeState(1, 0, Role.FOLLOWER, 1, 1, 0, ONE, 1).snapshotIndex()).isZero();
    }
}
