package org.jointraft.core;

import org.jointraft.core.Message.AppendEntries;
import org.jointraft.core.Message.AppendEntriesResponse;
import org.jointraft.core.Message.InstallSnapshot;
import org.jointraft.core.Message.RequestVote;
import org.jointraft.core.Message.RequestVoteResponse;

/** One atomic step of a node: one record per trace event of docs/protocol-contract.md. */
public sealed interface Step {

    record Timeout() implements Step {
    }

    record SendRequestVote(RequestVote msg) implements Step {
    }

    record HandleRequestVote(RequestVote msg, RequestVoteResponse reply) implements Step {
    }

    /** A vote request of a higher term dropped unanswered because this node knows a live leader. */
    record IgnoreRequestVote(RequestVote msg) implements Step {
    }

    record HandleRequestVoteResponse(RequestVoteResponse msg) implements Step {
    }

    record BecomeLeader(long index, Entry entry) implements Step {
    }

    record ClientRequest(long index, Entry entry) implements Step {
    }

    /** {@code cause}: the membership call step that proposed it, null for a proposal no call made. */
    record ProposeMembership(long index, Entry entry, CallStep cause) implements Step {
    }

    /** {@code cause} as for {@link ProposeMembership}. */
    record ProposeMembershipRejected(RejectReason reason, Membership target, CallStep cause) implements Step {
    }

    record SendAppendEntries(AppendEntries msg) implements Step {
    }

    record HandleAppendEntries(AppendEntries msg, AppendEntriesResponse reply) implements Step {
    }

    /** @param matchIndex the leader's matchIndex of the sender after the step (0 when the node is no leader) */
    record HandleAppendEntriesResponse(AppendEntriesResponse msg, long matchIndex) implements Step {
    }

    record AdvanceCommitIndex(long commitIndex) implements Step {
    }

    record StepDown() implements Step {
    }

    record Restart() implements Step {
    }

    /** The log up to {@code index} was compacted into a snapshot. */
    record TakeSnapshot(long index) implements Step {
    }

    record SendInstallSnapshot(InstallSnapshot msg) implements Step {
    }

    record HandleInstallSnapshot(InstallSnapshot msg, AppendEntriesResponse reply) implements Step {
    }
}
