package org.jointraft.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.Ready;
import org.jointraft.core.Snapshot;
import org.junit.jupiter.api.Test;

class KvStateMachineTest {

    @Test
    void setEntriesSetKeysAndEveryOtherEntryOnlyMovesTheAppliedIndex() {
        KvStateMachine kv = new KvStateMachine();
        kv.apply(1, Entry.member(0, Membership.of(1)));
        kv.apply(2, Entry.blank(1));
        kv.apply(3, Entry.normal(1, "set a 1"));
        kv.apply(4, Entry.normal(1, "get a"));
        kv.apply(5, Entry.normal(1, "set b two words"));
        kv.apply(6, Entry.normal(1, "set a 3"));
        kv.apply(7, Entry.normal(1, "set nokey"));
        assertThat(kv.appliedIndex()).isEqualTo(7);
        assertThat(kv.get("a")).isEqualTo("3");
        assertThat(kv.get("b")).isEqualTo("two words");
        assertThat(kv.get("nokey")).isNull();
        assertThat(kv.entries()).containsOnlyKeys("a", "b");
    }

    @Test
    void aFreshBootstrapMembersMachineStartsAtItsCommitIndex() {
        KvStateMachine kv = new KvStateMachine(1);
        assertThat(kv.appliedIndex()).isEqualTo(1);
        kv.apply(2, Entry.normal(1, "set a 1"));
        assertThat(kv.get("a")).isEqualTo("1");
        assertThatThrownBy(() -> new KvStateMachine(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEntryAtOrBelowTheAppliedIndexIsSkippedAndAGapIsRefused() {
        KvStateMachine kv = new KvStateMachine();
        kv.apply(1, Entry.normal(1, "set a 1"));
        kv.apply(1, Entry.normal(1, "set a 2"));
        assertThat(kv.get("a")).isEqualTo("1");
        assertThatThrownBy(() -> kv.apply(3, Entry.blank(1))).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("entry 3");
    }

    @Test
    void aSnapshotRestoresTheStateAndTheAppliedIndex() {
        KvStateMachine kv = new KvStateMachine();
        kv.apply(1, Entry.normal(1, "set a 1"));
        kv.apply(2, Entry.normal(1, "set ü ∑ é"));
        byte[] snapshot = kv.snapshot();
        kv.apply(3, Entry.normal(1, "set a changed"));
        KvStateMachine other = new KvStateMachine();
        other.apply(1, Entry.normal(1, "set z 26"));
        other.restore(snapshot);
        assertThat(other.appliedIndex()).isEqualTo(2);
        assertThat(other.entries()).containsExactly(java.util.Map.entry("a", "1"), java.util.Map.entry("ü", "∑ é"));
        assertThat(other.snapshot()).isEqualTo(snapshot);
        other.apply(3, Entry.normal(1, "set a changed"));
        assertThat(other.entries()).isEqualTo(kv.entries());
    }

    @Test
    void restoringSomethingThatIsNoSnapshotFailsAndKeepsTheState() {
        KvStateMachine kv = new KvStateMachine();
        kv.apply(1, Entry.normal(1, "set a 1"));
        byte[] good = kv.snapshot();
        byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
        assertThatThrownBy(() -> kv.restore(truncated)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kv.restore(longer)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> kv.restore(new byte[] {0, 0, 0, 9})).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 9");
        assertThat(kv.get("a")).isEqualTo("1");
        assertThat(kv.appliedIndex()).isEqualTo(1);
    }

    @Test
    void aReadyIsAppliedSnapshotFirstThenItsCommittedEntries() {
        KvStateMachine leader = new KvStateMachine();
        leader.apply(1, Entry.blank(0));
        leader.apply(2, Entry.normal(1, "set a 1"));
        Snapshot snapshot = new Snapshot(2, 1, 0, Membership.of(1), leader.snapshot());
        KvStateMachine follower = new KvStateMachine();
        follower.apply(new Ready(List.of(), false, 1, 0, 0, List.of(), 3, List.of(Entry.normal(1, "set b 2")),
                List.of(), snapshot));
        assertThat(follower.appliedIndex()).isEqualTo(3);
        assertThat(follower.get("a")).isEqualTo("1");
        assertThat(follower.get("b")).isEqualTo("2");
        // a snapshot no newer than the state (one this node took itself) is not restored
        follower.apply(new Ready(List.of(), false, 1, 0, 0, List.of(), 0, List.of(), List.of(), snapshot));
        assertThat(follower.appliedIndex()).isEqualTo(3);
    }
}
