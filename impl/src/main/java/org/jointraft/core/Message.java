package org.jointraft.core;

import java.util.Arrays;
import java.util.List;

/** The Raft messages, with the contract's field names. */
public sealed interface Message {

    long term();

    int source();

    int dest();

    record RequestVote(long term, int source, int dest, long lastLogIndex, long lastLogTerm) implements Message {
    }

    record RequestVoteResponse(long term, int source, int dest, boolean granted) implements Message {
    }

    record AppendEntries(long term, int source, int dest, long prevLogIndex, long prevLogTerm, List<Entry> entries,
            long commitIndex) implements Message {
        public AppendEntries {
            entries = List.copyOf(entries);
        }
    }

    record AppendEntriesResponse(long term, int source, int dest, boolean success, long matchIndex)
            implements Message {
    }

    /**
     * The leader's snapshot for a follower whose next entry it compacted (§7 of the Raft paper, sent whole). The
     * follower answers with an {@link AppendEntriesResponse}. {@code data} is the state machine's encoding; equality
     * compares its bytes.
     */
    record InstallSnapshot(long term, int source, int dest, long lastIndex, long lastTerm, long memIndex,
            Membership membership, byte[] data) implements Message {

        public InstallSnapshot {
            if (membership == null || data == null) {
                throw new IllegalArgumentException("an InstallSnapshot needs a membership and data");
            }
            data = data.clone();
        }

        /** The message carrying {@code snapshot} from {@code source} to {@code dest} in {@code term}. */
        public static InstallSnapshot of(long term, int source, int dest, Snapshot snapshot) {
            return new InstallSnapshot(term, source, dest, snapshot.index(), snapshot.term(),
                    snapshot.membershipIndex(), snapshot.membership(), snapshot.data());
        }

        /** The snapshot it carries. */
        public Snapshot snapshot() {
            return new Snapshot(lastIndex, lastTerm, memIndex, membership, data);
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InstallSnapshot m && term == m.term && source == m.source && dest == m.dest
                    && lastIndex == m.lastIndex && lastTerm == m.lastTerm && memIndex == m.memIndex
                    && membership.equals(m.membership) && Arrays.equals(data, m.data);
        }

        @Override
        public int hashCode() {
            return ((Long.hashCode(term) * 31 + source) * 31 + dest) * 31 + Long.hashCode(lastIndex)
                    + 17 * Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "InstallSnapshot[term=" + term + ", source=" + source + ", dest=" + dest + ", lastIndex="
                    + lastIndex + ", lastTerm=" + lastTerm + ", memIndex=" + memIndex + ", membership=" + membership
                    + ", " + data.length + " bytes]";
        }
    }
}
