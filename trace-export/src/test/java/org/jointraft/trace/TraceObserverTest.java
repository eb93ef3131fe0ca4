package org.jointraft.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jointraft.core.CallEvent;
import org.jointraft.core.CallOperation;
import org.jointraft.core.CallStep;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipChange;
import org.jointraft.core.Message;
import org.jointraft.core.NodeState;
import org.jointraft.core.RejectReason;
import org.jointraft.core.Role;
import org.jointraft.core.Step;
import org.junit.jupiter.api.Test;

class TraceObserverTest {

    private final List<TraceEvent> events = new ArrayList<>();
    private final TraceObserver observer = new TraceObserver(events::add);

    private static NodeState post(Membership m) {
        return new NodeState(3, 2, Role.LEADER, 4, 5, 3, m, 4);
    }

    @Test
    void aStepBecomesTheMatchingEventWithItsPostStateAndIsCounted() {
        Membership joint = Membership.joint(List.of(1, 2, 3), List.of(2, 3, 4), List.of(5));
        observer.onStep(2, new Step.Timeout(), post(joint));
        observer.onStep(2, new Step.ProposeMembership(5, Entry.member(3, joint), null), post(joint));

        assertThat(events).containsExactly(
                new TraceEvent.Timeout(2, new TraceState(3, 2, Role.LEADER, 4, 5, 3,
                        new TraceMembership(List.of(List.of(1, 2, 3), List.of(2, 3, 4)), List.of(5)), 4)),
                new TraceEvent.ProposeMembership(2,
                        TraceEntry.member(3, new TraceMembership(List.of(List.of(1, 2, 3), List.of(2, 3, 4)), List.of(5))),
                        5, new TraceState(3, 2, Role.LEADER, 4, 5, 3,
                        new TraceMembership(List.of(List.of(1, 2, 3), List.of(2, 3, 4)), List.of(5)), 4)));
        assertThat(observer.lastSeq()).isEqualTo(2);
    }

    @Test
    void snapshotStepsBecomeTheSnapshotEventsWithoutTheData() {
        Membership m = Membership.of(1, 2, 3);
        NodeState withSnapshot = new NodeState(3, 2, Role.LEADER, 6, 7, 3, m, 1, 6);
        Message.InstallSnapshot install = new Message.InstallSnapshot(3, 2, 1, 6, 3, 1, m, new byte[] {1, 2});
        Message.AppendEntriesResponse reply = new Message.AppendEntriesResponse(3, 1, 2, true, 6);
        observer.onStep(2, new Step.TakeSnapshot(6), withSnapshot);
        observer.onStep(2, new Step.SendInstallSnapshot(install), withSnapshot);
        observer.onStep(1, new Step.HandleInstallSnapshot(install, reply), withSnapshot);
        observer.onDrop(install);

        TraceState state = new TraceState(3, 2, Role.LEADER, 6, 7, 3, TraceMembership.uniform(1, 2, 3), 1, 6);
        TraceMessage.InstallSnapshot traced = new TraceMessage.InstallSnapshot(3, 2, 1, 6, 3, 1,
                TraceMembership.uniform(1, 2, 3));
        assertThat(events).containsExactly(
                new TraceEvent.TakeSnapshot(2, 6, state),
                new TraceEvent.SendInstallSnapshot(2, traced, state),
                new TraceEvent.HandleInstallSnapshot(1, traced, new TraceMessage.AppendEntriesResponse(3, 1, 2, true, 6),
                        state),
                new TraceEvent.DropMessage(1, traced));
    }

    @Test
    void rejectionsCallsAndNetworkFaultsAreConverted() {
        Membership m = Membership.of(1, 2, 3);
        Message.AppendEntries ae = new Message.AppendEntries(2, 1, 3, 1, 0, List.of(Entry.normal(2, "x")), 1);
        observer.onStep(1, new Step.ProposeMembershipRejected(RejectReason.IN_PROGRESS, Membership.of(2, 3), null), post(m));
        observer.onCall(1, new CallEvent.Start(9, CallOperation.CHANGE_MEMBERSHIP,
                List.of(MembershipChange.addVoters(4, 5), MembershipChange.removeLearners(6)), true, null, null));
        observer.onCall(1, new CallEvent.End(9, false, null, "precondition_failed"));
        observer.onDrop(ae);
        observer.onDuplicate(ae);
        observer.onCrash(2);
        observer.onStep(1, new Step.ProposeMembership(6, Entry.member(3, m), new CallStep(9, 2)), post(m));
        observer.onStep(1, new Step.ProposeMembershipRejected(RejectReason.INCOHERENT, Membership.of(7), new CallStep(9, 1)),
                post(m));

        TraceMessage.AppendEntries traced = new TraceMessage.AppendEntries(2, 1, 3, 1, 0, List.of(TraceEntry.normal(2)), 1);
        assertThat(events).containsExactly(
                new TraceEvent.ProposeMembershipRejected(1, RejectReason.IN_PROGRESS,
                        TraceMembership.uniform(2, 3), TraceObserver.toState(post(m))),
                new TraceEvent.CallStart(1, 9, CallOperation.CHANGE_MEMBERSHIP,
                        List.of(new TraceChange(TraceChange.Type.AddVoters, List.of(4, 5)),
                                new TraceChange(TraceChange.Type.RemoveLearners, List.of(6))), true, null, null),
                new TraceEvent.CallEnd(1, 9, false, null, "precondition_failed"),
                new TraceEvent.DropMessage(3, traced),
                new TraceEvent.DuplicateMessage(3, traced),
                new TraceEvent.Crash(2),
                new TraceEvent.ProposeMembership(1, TraceEntry.member(3, TraceMembership.uniform(1, 2, 3)), 6, 9L, 2,
                        TraceObserver.toState(post(m))),
                new TraceEvent.ProposeMembershipRejected(1, RejectReason.INCOHERENT, TraceMembership.uniform(7), 9L, 1,
                        TraceObserver.toState(post(m))));
    }

    @Test
    void aRealClusterRunIsWrittenAndReadBackAsAValidTrace() throws IOException {
        TracedRun.run(observer, 400);
        Membership boot = TracedRun.BOOT;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(bytes)) {
            writer.writeHeader(new TraceHeader(List.of(1, 2, 3), TraceObserver.toMembership(boot), 100, "observer-test", null));
            events.forEach(writer);
        }

        Trace trace = new TraceReader().parse(bytes.toString(StandardCharsets.UTF_8));

        assertThat(trace.events()).isEqualTo(events);
        Set<String> seen = events.stream().map(TraceEvent::event).collect(Collectors.toSet());
        assertThat(seen).contains("Timeout", "SendRequestVote", "HandleRequestVote", "HandleRequestVoteResponse",
                "BecomeLeader", "ClientRequest", "SendAppendEntries", "HandleAppendEntries",
                "HandleAppendEntriesResponse", "AdvanceCommitIndex", "DropMessage", "DuplicateMessage", "Crash", "Restart");
        assertThat(events).hasSizeGreaterThan(500);
    }
}
