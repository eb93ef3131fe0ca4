package org.jointraft.trace;

import java.util.List;
import java.util.Objects;
import org.jointraft.trace.TraceMessage.AppendEntries;
import org.jointraft.trace.TraceMessage.AppendEntriesResponse;
import org.jointraft.trace.TraceMessage.RequestVote;
import org.jointraft.trace.TraceMessage.RequestVoteResponse;

/**
 * One trace line after the header: one atomic step. The record names are the JSON {@code event} names
 * ({@link #event()}); docs/trace-format.md documents every field.
 */
public sealed interface TraceEvent {

    /** Position in the trace, 1 for the first event. */
    long seq();

    /** The node that took the step (for network events the message's destination). */
    int node();

    /** The JSON {@code event} name. */
    default String event() {
        return getClass().getSimpleName();
    }

    /** The same event at another position (used when merging traces). */
    TraceEvent withSeq(long seq);

    /** A step of one node's protocol state machine; it logs the node's post-state. */
    sealed interface NodeEvent extends TraceEvent {
        TraceState state();
    }

    /** A fault the network made to one copy of a message; {@code node} is {@code msg.dest()}. */
    sealed interface NetworkEvent extends TraceEvent {
        TraceMessage msg();
    }

    /** Start or end of a client-level membership call; the trace spec only skips these. */
    sealed interface CallEvent extends TraceEvent {
        long call();
    }

    record Timeout(long seq, int node, TraceState state) implements NodeEvent {
        public Timeout {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public Timeout withSeq(long seq) {
            return new Timeout(seq, node, state);
        }
    }

    record SendRequestVote(long seq, int node, RequestVote msg, TraceState state) implements NodeEvent {
        public SendRequestVote {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public SendRequestVote withSeq(long seq) {
            return new SendRequestVote(seq, node, msg, state);
        }
    }

    record HandleRequestVote(long seq, int node, RequestVote msg, RequestVoteResponse reply, TraceState state)
            implements NodeEvent {
        public HandleRequestVote {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public HandleRequestVote withSeq(long seq) {
            return new HandleRequestVote(seq, node, msg, reply, state);
        }
    }

    record HandleRequestVoteResponse(long seq, int node, RequestVoteResponse msg, TraceState state) implements NodeEvent {
        public HandleRequestVoteResponse {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public HandleRequestVoteResponse withSeq(long seq) {
            return new HandleRequestVoteResponse(seq, node, msg, state);
        }
    }

    record BecomeLeader(long seq, int node, TraceEntry entry, long index, TraceState state) implements NodeEvent {
        public BecomeLeader {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public BecomeLeader withSeq(long seq) {
            return new BecomeLeader(seq, node, entry, index, state);
        }
    }

    record ClientRequest(long seq, int node, TraceEntry entry, long index, TraceState state) implements NodeEvent {
        public ClientRequest {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public ClientRequest withSeq(long seq) {
            return new ClientRequest(seq, node, entry, index, state);
        }
    }

    record ProposeMembership(long seq, int node, TraceEntry entry, long index, TraceState state) implements NodeEvent {
        public ProposeMembership {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public ProposeMembership withSeq(long seq) {
            return new ProposeMembership(seq, node, entry, index, state);
        }
    }

    record ProposeMembershipRejected(
            long seq, int node, TraceRejectReason reason, TraceMembership membership, TraceState state)
            implements NodeEvent {
        public ProposeMembershipRejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(membership, "membership");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public ProposeMembershipRejected withSeq(long seq) {
            return new ProposeMembershipRejected(seq, node, reason, membership, state);
        }
    }

    record SendAppendEntries(long seq, int node, AppendEntries msg, TraceState state) implements NodeEvent {
        public SendAppendEntries {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public SendAppendEntries withSeq(long seq) {
            return new SendAppendEntries(seq, node, msg, state);
        }
    }

    record HandleAppendEntries(long seq, int node, AppendEntries msg, AppendEntriesResponse reply, TraceState state)
            implements NodeEvent {
        public HandleAppendEntries {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public HandleAppendEntries withSeq(long seq) {
            return new HandleAppendEntries(seq, node, msg, reply, state);
        }
    }

    record HandleAppendEntriesResponse(long seq, int node, AppendEntriesResponse msg, TraceState state)
            implements NodeEvent {
        public HandleAppendEntriesResponse {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }

        @Override
        public HandleAppendEntriesResponse withSeq(long seq) {
            return new HandleAppendEntriesResponse(seq, node, msg, state);
        }
    }

    record AdvanceCommitIndex(long seq, int node, long commitIndex, TraceState state) implements NodeEvent {
        public AdvanceCommitIndex {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public AdvanceCommitIndex withSeq(long seq) {
            return new AdvanceCommitIndex(seq, node, commitIndex, state);
        }
    }

    record StepDown(long seq, int node, TraceState state) implements NodeEvent {
        public StepDown {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public StepDown withSeq(long seq) {
            return new StepDown(seq, node, state);
        }
    }

    record Restart(long seq, int node, TraceState state) implements NodeEvent {
        public Restart {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public Restart withSeq(long seq) {
            return new Restart(seq, node, state);
        }
    }

    record DropMessage(long seq, int node, TraceMessage msg) implements NetworkEvent {
        public DropMessage {
            Objects.requireNonNull(msg, "msg");
        }

        /** The drop of {@code msg}, logged at its destination. */
        public DropMessage(long seq, TraceMessage msg) {
            this(seq, msg.dest(), msg);
        }

        @Override
        public DropMessage withSeq(long seq) {
            return new DropMessage(seq, node, msg);
        }
    }

    record DuplicateMessage(long seq, int node, TraceMessage msg) implements NetworkEvent {
        public DuplicateMessage {
            Objects.requireNonNull(msg, "msg");
        }

        /** The duplication of {@code msg}, logged at its destination. */
        public DuplicateMessage(long seq, TraceMessage msg) {
            this(seq, msg.dest(), msg);
        }

        @Override
        public DuplicateMessage withSeq(long seq) {
            return new DuplicateMessage(seq, node, msg);
        }
    }

    /**
     * A client starts a membership call at {@code node}. {@code expectedIndex} is set only for a guarded
     * call, {@code target} only for an explicit proposeMembership; both are null otherwise.
     */
    record CallStart(
            long seq,
            int node,
            long call,
            String operation,
            List<TraceChange> changes,
            boolean retain,
            Long expectedIndex,
            TraceMembership target)
            implements CallEvent {
        public CallStart {
            Objects.requireNonNull(operation, "operation");
            changes = List.copyOf(changes);
        }

        @Override
        public CallStart withSeq(long seq) {
            return new CallStart(seq, node, call, operation, changes, retain, expectedIndex, target);
        }
    }

    /** A call ends: {@code ok} with the membership it ended on, or not ok with an error text. */
    record CallEnd(long seq, int node, long call, boolean ok, TraceMembership membership, String error)
            implements CallEvent {
        public CallEnd {
            if (ok != (membership != null) || ok == (error != null)) {
                throw new IllegalArgumentException("a call ends either ok with a membership or with an error");
            }
        }

        @Override
        public CallEnd withSeq(long seq) {
            return new CallEnd(seq, node, call, ok, membership, error);
        }
    }
}
