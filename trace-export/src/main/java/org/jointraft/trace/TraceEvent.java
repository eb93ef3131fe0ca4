package org.jointraft.trace;

import java.util.List;
import java.util.Objects;
import org.jointraft.core.CallOperation;
import org.jointraft.core.EntryKind;
import org.jointraft.core.RejectReason;
import org.jointraft.trace.TraceField.Appended;
import org.jointraft.trace.TraceField.AsRequested;
import org.jointraft.trace.TraceField.Max;
import org.jointraft.trace.TraceField.Msg;
import org.jointraft.trace.TraceField.Optional;
import org.jointraft.trace.TraceField.Positive;
import org.jointraft.trace.TraceField.PresentWhen;
import org.jointraft.trace.TraceField.Since;
import org.jointraft.trace.TraceField.With;
import org.jointraft.trace.TraceMessage.AppendEntries;
import org.jointraft.trace.TraceMessage.AppendEntriesResponse;
import org.jointraft.trace.TraceMessage.InstallSnapshot;
import org.jointraft.trace.TraceMessage.RequestVote;
import org.jointraft.trace.TraceMessage.RequestVoteResponse;

/**
 * One trace line after the header: one atomic step. These records are the trace vocabulary: the record
 * name is the JSON {@code event}, the components are the JSON fields in their JSON order (after
 * {@code seq}, which is the line's position, and {@code event}), a {@link TraceState} component is the
 * post-state, and {@link TraceField} annotations give the rules the types cannot. {@link TraceVocabulary}
 * reads them once; writer, reader, merge and the TLC conversion work from it.
 */
public sealed interface TraceEvent {

    /** The node that took the step (for network events the message's destination). */
    int node();

    /** The JSON {@code event} name. */
    default String event() {
        return getClass().getSimpleName();
    }

    /** A step of one node's protocol state machine; it logs the node's post-state. */
    sealed interface NodeEvent extends TraceEvent {
        TraceState state();
    }

    /** A fault the network made to one copy of a message; {@code node} is {@code msg.dest()}. */
    sealed interface NetworkEvent extends TraceEvent {
        TraceMessage msg();
    }

    /** A fault of one node (a crash): no state, no message. */
    sealed interface FaultEvent extends TraceEvent {
    }

    /** Start or end of a client-level membership call. */
    sealed interface CallEvent extends TraceEvent {
        long call();
    }

    record Timeout(int node, TraceState state) implements NodeEvent {
        public Timeout {
            Objects.requireNonNull(state, "state");
        }
    }

    record SendRequestVote(int node, @Msg(MessageRole.SENT) RequestVote msg, TraceState state) implements NodeEvent {
        public SendRequestVote {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }
    }

    record HandleRequestVote(int node, @Msg(MessageRole.RECEIVED) RequestVote msg,
            @Msg(MessageRole.REPLY) RequestVoteResponse reply, TraceState state) implements NodeEvent {
        public HandleRequestVote {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
        }
    }

    record IgnoreRequestVote(int node, @Msg(MessageRole.RECEIVED) RequestVote msg, TraceState state)
            implements NodeEvent {
        public IgnoreRequestVote {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }
    }

    record HandleRequestVoteResponse(int node, @Msg(MessageRole.RECEIVED) RequestVoteResponse msg, TraceState state)
            implements NodeEvent {
        public HandleRequestVoteResponse {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }
    }

    record BecomeLeader(int node, @Appended(EntryKind.BLANK) TraceEntry entry, @Positive long index, TraceState state)
            implements NodeEvent {
        public BecomeLeader {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(state, "state");
        }
    }

    record ClientRequest(int node, @Appended(EntryKind.NORMAL) TraceEntry entry, @Positive long index, TraceState state)
            implements NodeEvent {
        public ClientRequest {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(state, "state");
        }
    }

    /**
     * {@code call} and {@code step}: the membership call and its step (1 or 2) that made the proposal, both null for a
     * proposal no call made (schema version 2).
     */
    record ProposeMembership(int node, @Appended(EntryKind.MEMBER) TraceEntry entry, @Positive long index,
            @Optional @Positive @Since(2) Long call, @Optional @Positive @Max(2) @With("call") @Since(2) Integer step,
            TraceState state) implements NodeEvent {
        public ProposeMembership {
            Objects.requireNonNull(entry, "entry");
            checkCause(call, step);
            Objects.requireNonNull(state, "state");
        }

        /** A proposal no call made. */
        public ProposeMembership(int node, TraceEntry entry, long index, TraceState state) {
            this(node, entry, index, null, null, state);
        }
    }

    /** The impl may log an ill-formed target only when it refused it as invalid; call and step as for ProposeMembership. */
    record ProposeMembershipRejected(int node, RejectReason reason,
            @AsRequested(whenField = "reason", is = "invalid") TraceMembership membership,
            @Optional @Positive @Since(2) Long call, @Optional @Positive @Max(2) @With("call") @Since(2) Integer step,
            TraceState state) implements NodeEvent {
        public ProposeMembershipRejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(membership, "membership");
            checkCause(call, step);
            Objects.requireNonNull(state, "state");
        }

        /** A refusal of a proposal no call made. */
        public ProposeMembershipRejected(int node, RejectReason reason, TraceMembership membership, TraceState state) {
            this(node, reason, membership, null, null, state);
        }
    }

    private static void requirePositiveCall(long call) {
        if (call < 1) {
            throw new IllegalArgumentException("a call id is positive, got " + call);
        }
    }

    /** A proposal's cause: call and step both absent, or a positive call id with step 1 or 2. */
    private static void checkCause(Long call, Integer step) {
        if ((call == null) != (step == null)) {
            throw new IllegalArgumentException("call and step are present together (got call " + call + ", step " + step + ")");
        }
        if (call != null && (call < 1 || step < 1 || step > 2)) {
            throw new IllegalArgumentException("call must be positive and step 1 or 2, got call " + call + ", step " + step);
        }
    }

    record SendAppendEntries(int node, @Msg(MessageRole.SENT) AppendEntries msg, TraceState state) implements NodeEvent {
        public SendAppendEntries {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }
    }

    record HandleAppendEntries(int node, @Msg(MessageRole.RECEIVED) AppendEntries msg,
            @Msg(MessageRole.REPLY) AppendEntriesResponse reply, TraceState state) implements NodeEvent {
        public HandleAppendEntries {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
        }
    }

    /** {@code match}: the leader's matchIndex of the sender after the step; absent when 0 or the node is no leader. */
    record HandleAppendEntriesResponse(int node, @Msg(MessageRole.RECEIVED) AppendEntriesResponse msg,
            @Optional @Positive Long match, TraceState state) implements NodeEvent {
        public HandleAppendEntriesResponse {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }
    }

    record AdvanceCommitIndex(int node, @Positive long commitIndex, TraceState state) implements NodeEvent {
        public AdvanceCommitIndex {
            Objects.requireNonNull(state, "state");
        }
    }

    record StepDown(int node, TraceState state) implements NodeEvent {
        public StepDown {
            Objects.requireNonNull(state, "state");
        }
    }

    record Restart(int node, TraceState state) implements NodeEvent {
        public Restart {
            Objects.requireNonNull(state, "state");
        }
    }

    /** The node compacted its log up to {@code index} into a snapshot (schema version 3). */
    @Since(3)
    record TakeSnapshot(int node, @Positive long index, TraceState state) implements NodeEvent {
        public TakeSnapshot {
            Objects.requireNonNull(state, "state");
        }
    }

    /** A leader sent its snapshot (schema version 3). */
    @Since(3)
    record SendInstallSnapshot(int node, @Msg(MessageRole.SENT) InstallSnapshot msg, TraceState state)
            implements NodeEvent {
        public SendInstallSnapshot {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(state, "state");
        }
    }

    /** A node handled a snapshot; the reply is an AppendEntriesResponse (schema version 3). */
    @Since(3)
    record HandleInstallSnapshot(int node, @Msg(MessageRole.RECEIVED) InstallSnapshot msg,
            @Msg(MessageRole.REPLY) AppendEntriesResponse reply, TraceState state) implements NodeEvent {
        public HandleInstallSnapshot {
            Objects.requireNonNull(msg, "msg");
            Objects.requireNonNull(reply, "reply");
            Objects.requireNonNull(state, "state");
        }
    }

    record DropMessage(int node, @Msg(MessageRole.LOST) TraceMessage msg) implements NetworkEvent {
        public DropMessage {
            Objects.requireNonNull(msg, "msg");
        }

        /** The drop of {@code msg}, logged at its destination. */
        public DropMessage(TraceMessage msg) {
            this(msg.dest(), msg);
        }
    }

    record DuplicateMessage(int node, @Msg(MessageRole.COPIED) TraceMessage msg) implements NetworkEvent {
        public DuplicateMessage {
            Objects.requireNonNull(msg, "msg");
        }

        /** The duplication of {@code msg}, logged at its destination. */
        public DuplicateMessage(TraceMessage msg) {
            this(msg.dest(), msg);
        }
    }

    /** The node crashed (schema version 2): it takes no step until its {@code Restart}. */
    @Since(2)
    record Crash(int node) implements FaultEvent {
    }

    /**
     * A client starts a membership call at {@code node}. {@code expectedIndex} is set only for a guarded
     * call, {@code target} only for an explicit proposal; both are null otherwise. The changes may name
     * nodes the cluster does not know: the impl rejects that, the trace records it.
     */
    record CallStart(
            int node,
            @Positive long call,
            CallOperation operation,
            List<TraceChange> changes,
            boolean retain,
            @Optional Long expectedIndex,
            @Optional @AsRequested TraceMembership target)
            implements CallEvent {
        public CallStart {
            requirePositiveCall(call);
            Objects.requireNonNull(operation, "operation");
            changes = List.copyOf(changes);
        }
    }

    /** A call ends: {@code ok} with the membership it ended on, or not ok with an error text. */
    record CallEnd(
            int node,
            @Positive long call,
            boolean ok,
            @Optional @PresentWhen(field = "ok", is = true, otherwise = "only an ok call carries the membership it ended on")
                    TraceMembership membership,
            @Optional @PresentWhen(field = "ok", is = false, otherwise = "only a call that is not ok carries an error")
                    String error)
            implements CallEvent {
        public CallEnd {
            requirePositiveCall(call);
            if (ok != (membership != null) || ok == (error != null)) {
                throw new IllegalArgumentException("a call ends either ok with a membership or with an error");
            }
        }
    }
}
