package org.jointraft.trace;

import java.util.List;
import org.jointraft.core.CallOperation;
import org.jointraft.core.RejectReason;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceEvent.AdvanceCommitIndex;
import org.jointraft.trace.TraceEvent.BecomeLeader;
import org.jointraft.trace.TraceEvent.CallEnd;
import org.jointraft.trace.TraceEvent.CallStart;
import org.jointraft.trace.TraceEvent.ClientRequest;
import org.jointraft.trace.TraceEvent.Crash;
import org.jointraft.trace.TraceEvent.DropMessage;
import org.jointraft.trace.TraceEvent.DuplicateMessage;
import org.jointraft.trace.TraceEvent.HandleAppendEntries;
import org.jointraft.trace.TraceEvent.HandleAppendEntriesResponse;
import org.jointraft.trace.TraceEvent.HandleInstallSnapshot;
import org.jointraft.trace.TraceEvent.HandleRequestVote;
import org.jointraft.trace.TraceEvent.HandleRequestVoteResponse;
import org.jointraft.trace.TraceEvent.IgnoreRequestVote;
import org.jointraft.trace.TraceEvent.ProposeMembership;
import org.jointraft.trace.TraceEvent.ProposeMembershipRejected;
import org.jointraft.trace.TraceEvent.Restart;
import org.jointraft.trace.TraceEvent.SendAppendEntries;
import org.jointraft.trace.TraceEvent.SendInstallSnapshot;
import org.jointraft.trace.TraceEvent.SendRequestVote;
import org.jointraft.trace.TraceEvent.StepDown;
import org.jointraft.trace.TraceEvent.TakeSnapshot;
import org.jointraft.trace.TraceEvent.Timeout;
import org.jointraft.trace.TraceMessage.AppendEntries;
import org.jointraft.trace.TraceMessage.AppendEntriesResponse;
import org.jointraft.trace.TraceMessage.InstallSnapshot;
import org.jointraft.trace.TraceMessage.RequestVote;
import org.jointraft.trace.TraceMessage.RequestVoteResponse;

/** Valid headers and events for the tests: one event of every type, in trace order. */
final class Samples {

    private Samples() {}

    static final TraceMembership BOOT = TraceMembership.uniform(1, 2, 3);

    static TraceHeader header() {
        return new TraceHeader(List.of(1, 2, 3, 4), BOOT, 42L, "samples", "--drop 0.1");
    }

    static TraceState state(long term, int votedFor, Role role, long commit, long lastIndex, long lastTerm) {
        return new TraceState(term, votedFor, role, commit, lastIndex, lastTerm, BOOT, 1);
    }

    /** Every event type once (the call events twice, the proposals with and without a call), seq 1..27 once written. */
    static List<TraceEvent> everyEvent() {
        TraceState candidate = state(1, 1, Role.CANDIDATE, 1, 1, 0);
        TraceState leader = state(1, 1, Role.LEADER, 1, 2, 1);
        TraceState follower = state(1, 1, Role.FOLLOWER, 1, 1, 0);
        TraceMembership joint = new TraceMembership(List.of(List.of(1, 2, 3), List.of(2, 3, 4)), List.of());
        TraceState jointLeader = new TraceState(1, 1, Role.LEADER, 3, 4, 1, joint, 4);
        RequestVote rv = new RequestVote(1, 1, 2, 1, 0);
        RequestVoteResponse rvr = new RequestVoteResponse(1, 2, 1, true);
        AppendEntries ae = new AppendEntries(1, 1, 2, 1, 0,
                List.of(TraceEntry.blank(1), TraceEntry.normal(1), TraceEntry.member(1, joint)), 3);
        AppendEntriesResponse aer = new AppendEntriesResponse(1, 2, 1, true, 4);
        TraceState snapshotLeader = new TraceState(1, 1, Role.LEADER, 4, 4, 1, joint, 4, 4);
        InstallSnapshot is = new InstallSnapshot(1, 1, 2, 4, 1, 4, joint);
        return List.of(
                new Timeout(1, candidate),
                new SendRequestVote(1, rv, candidate),
                new HandleRequestVote(2, rv, rvr, follower),
                new HandleRequestVoteResponse(1, rvr, candidate),
                new IgnoreRequestVote(3, new RequestVote(2, 4, 3, 0, 0), follower),
                new BecomeLeader(1, TraceEntry.blank(1), 2, leader),
                new ClientRequest(1, TraceEntry.normal(1), 3, state(1, 1, Role.LEADER, 2, 3, 1)),
                new ProposeMembership(1, TraceEntry.member(1, joint), 4, jointLeader),
                new ProposeMembershipRejected(1, RejectReason.IN_PROGRESS,
                        TraceMembership.uniform(2, 3, 4).withLearners(1), jointLeader),
                new SendAppendEntries(1, ae, jointLeader),
                new DuplicateMessage(ae),
                new DropMessage(ae),
                new HandleAppendEntries(2, ae, aer,
                        new TraceState(1, 0, Role.FOLLOWER, 3, 4, 1, joint, 4)),
                new HandleAppendEntriesResponse(1, aer, 4L, jointLeader),
                new AdvanceCommitIndex(1, 4, new TraceState(1, 1, Role.LEADER, 4, 4, 1, joint, 4)),
                new StepDown(1, new TraceState(1, 1, Role.FOLLOWER, 4, 4, 1, joint, 4)),
                new Restart(1, new TraceState(1, 1, Role.FOLLOWER, 0, 4, 1, joint, 4)),
                new CallStart(1, 7, CallOperation.CHANGE_MEMBERSHIP_IF,
                        List.of(new TraceChange(TraceChange.Type.AddVoters, List.of(4)),
                                new TraceChange(TraceChange.Type.RemoveVoters, List.of(1))),
                        true, 1L, null),
                new CallEnd(1, 7, true, TraceMembership.uniform(2, 3, 4).withLearners(1), null),
                new CallStart(2, 8, CallOperation.PROPOSE_MEMBERSHIP, List.of(), false, null, TraceMembership.uniform(2, 3)),
                new CallEnd(2, 8, false, null, "in_progress"),
                new ProposeMembership(1, TraceEntry.member(1, joint), 4, 9L, 1, jointLeader),
                new ProposeMembershipRejected(1, RejectReason.IN_PROGRESS, joint, 9L, 2, jointLeader),
                new TakeSnapshot(1, 4, snapshotLeader),
                new SendInstallSnapshot(1, is, snapshotLeader),
                new HandleInstallSnapshot(2, is, new AppendEntriesResponse(1, 2, 1, true, 4),
                        new TraceState(1, 0, Role.FOLLOWER, 4, 4, 1, joint, 4, 4)),
                new Crash(3));
    }
}
