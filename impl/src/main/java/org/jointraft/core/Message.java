package org.jointraft.core;

import java.util.List;

/** The four Raft messages, with the contract's field names. */
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
}
