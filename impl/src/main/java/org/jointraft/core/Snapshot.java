package org.jointraft.core;

import java.util.Arrays;

/**
 * A snapshot: the state machine's state after entries 1..{@code index}, the term of entry {@code index}, and the
 * last membership entry at or below it ({@code membershipIndex}, 0 for the bootstrap membership). The log of a node
 * that holds it keeps only the entries after {@code index}. {@code data} is the state machine's own encoding; the
 * core never reads it.
 */
public record Snapshot(long index, long term, long membershipIndex, Membership membership, byte[] data) {

    public Snapshot {
        if (index < 0 || term < 0 || membershipIndex < 0 || membershipIndex > index) {
            throw new IllegalArgumentException("snapshot index " + index + ", term " + term + ", membership index "
                    + membershipIndex + ": indices and term must be >= 0 and the membership at or below the index");
        }
        if (membership == null || data == null) {
            throw new IllegalArgumentException("a snapshot needs a membership and data");
        }
        data = data.clone();
    }

    /** No snapshot yet: index 0, the bootstrap membership, no state. */
    public static Snapshot none(Membership bootstrap) {
        return new Snapshot(0, 0, 0, bootstrap, new byte[0]);
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && index == s.index && term == s.term && membershipIndex == s.membershipIndex
                && membership.equals(s.membership) && Arrays.equals(data, s.data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Snapshot[index=" + index + ", term=" + term + ", membershipIndex=" + membershipIndex + ", membership="
                + membership + ", " + data.length + " bytes]";
    }
}
