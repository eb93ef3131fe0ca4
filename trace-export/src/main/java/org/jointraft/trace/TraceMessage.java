package org.jointraft.trace;

import java.util.List;

/**
 * A protocol message exactly as docs/protocol-contract.md lists it; {@link #type()} is its JSON {@code type}.
 * InstallSnapshot carries no state-machine data: the trace records only what the spec sees.
 */
public sealed interface TraceMessage {

    String type();

    long term();

    int source();

    int dest();

    record RequestVote(long term, int source, int dest, long lastLogIndex, long lastLogTerm) implements TraceMessage {
        public static final String TYPE = "RequestVote";

        @Override
        public String type() {
            return TYPE;
        }
    }

    record RequestVoteResponse(long term, int source, int dest, boolean granted) implements TraceMessage {
        public static final String TYPE = "RequestVoteResponse";

        @Override
        public String type() {
            return TYPE;
        }
    }

    record AppendEntries(
            long term, int source, int dest, long prevLogIndex, long prevLogTerm, List<TraceEntry> entries, long commitIndex)
            implements TraceMessage {
        public static final String TYPE = "AppendEntries";

        public AppendEntries {
            entries = List.copyOf(entries);
        }

        @Override
        public String type() {
            return TYPE;
        }
    }

    record AppendEntriesResponse(long term, int source, int dest, boolean success, long matchIndex) implements TraceMessage {
        public static final String TYPE = "AppendEntriesResponse";

        @Override
        public String type() {
            return TYPE;
        }
    }

    /** The leader's snapshot (schema version 3); {@code membership} is the spec's {@code mem}. */
    record InstallSnapshot(long term, int source, int dest, long lastIndex, long lastTerm, long memIndex,
            TraceMembership membership) implements TraceMessage {
        public static final String TYPE = "InstallSnapshot";

        public InstallSnapshot {
            java.util.Objects.requireNonNull(membership, "membership");
        }

        @Override
        public String type() {
            return TYPE;
        }
    }
}
