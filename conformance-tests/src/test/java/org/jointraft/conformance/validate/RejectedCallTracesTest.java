package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.jointraft.conformance.validate.Rejections.Edited;
import org.jointraft.core.CallOperation;
import org.jointraft.core.RejectReason;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceChange;
import org.jointraft.trace.TraceEntry;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceEvent.CallEnd;
import org.jointraft.trace.TraceEvent.CallStart;
import org.jointraft.trace.TraceEvent.ProposeMembership;
import org.jointraft.trace.TraceEvent.ProposeMembershipRejected;
import org.jointraft.trace.TraceMembership;
import org.jointraft.trace.TraceMessage;
import org.jointraft.trace.TraceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid simulator traces edited at one event so that a membership call, a refusal, a contract choice or a crash
 * breaks one rule: TLC must reject the trace at exactly that event and name the rule (the call guard of
 * JointRaftClient.tla, the refusal-order guard, the contract check, or nodeUp).
 */
class RejectedCallTracesTest {
    @TempDir
    Path dir;

    private Edited firstEdit(String name, Function<TraceEdit, Optional<Integer>> edit) {
        return SimTraces.firstEdit(dir, e -> edit.apply(e).map(p -> Rejections.save(dir, e, p, name)));
    }

    private static CallStart startOf(TraceEdit edit, long call) {
        int p = edit.find(0, e -> e instanceof CallStart s && s.call() == call).orElseThrow();
        return (CallStart) edit.get(p);
    }

    private static boolean unguarded(TraceEdit edit, long call) {
        return startOf(edit, call).operation() == CallOperation.CHANGE_MEMBERSHIP;
    }

    private static TraceMembership membershipOf(TraceState s) {
        return new TraceMembership(s.membership().configs(), s.membership().learners());
    }

    private static ProposeMembership withMembership(ProposeMembership pm, TraceMembership m) {
        TraceState s = States.membership(pm.state(), m, pm.index());
        return new ProposeMembership(pm.node(), TraceEntry.member(pm.entry().term(), m), pm.index(), pm.call(), pm.step(), s);
    }

    private static int lastProposal(TraceEdit edit, int before, long call) {
        for (int p = before - 1; p >= 0; p--) {
            if (edit.get(p) instanceof ProposeMembership pm && Long.valueOf(call).equals(pm.call())) {
                return p;
            }
        }
        throw new AssertionError("call " + call + " ended ok without a proposal");
    }

    private static long maxCallId(TraceEdit edit) {
        return edit.events().stream().filter(e -> e instanceof CallStart).mapToLong(e -> ((CallStart) e).call()).max()
                .orElse(0);
    }

    // ---------------------------------------------------------------- calls

    @Test
    void aCallThatEndsWithoutHavingStartedIsRejected() throws IOException {
        Edited edited = firstEdit("call-never-started", edit -> {
            int p = edit.find(0, e -> e instanceof CallEnd).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            CallEnd end = (CallEnd) edit.get(p);
            edit.insert(p + 1, new CallEnd(end.node(), maxCallId(edit) + 100, false, null, "not_leader"));
            return Optional.of(p + 1);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.event()).isEqualTo("CallEnd");
        assertThat(d.falseGuards()).containsExactly("isCall");
    }

    @Test
    void aCallIdUsedTwiceIsRejected() throws IOException {
        Edited edited = firstEdit("call-id-reused", edit -> {
            int p = edit.find(0, e -> e instanceof CallEnd).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            CallStart first = startOf(edit, ((CallEnd) edit.get(p)).call());
            edit.insert(p + 1, first);
            return Optional.of(p + 1);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.event()).isEqualTo("CallStart");
        assertThat(d.falseGuards()).containsExactly("newCallId");
    }

    @Test
    void aCallThatEndsTwiceIsRejected() throws IOException {
        Edited edited = firstEdit("call-ends-twice", edit -> {
            int p = edit.find(0, e -> e instanceof CallEnd).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            edit.insert(p + 1, edit.get(p));
            return Optional.of(p + 1);
        });

        Diagnosis d = Rejections.rejected(edited);

        // an error end also finds the call no longer proposing; "open" is what every result needs
        assertThat(d.falseGuards()).contains("open");
    }

    @Test
    void anOkReportingAnotherMembershipThanItsLastEntryIsRejected() throws IOException {
        Edited edited = firstEdit("ok-reports-other-membership", edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof CallEnd end && end.ok()) {
                    // the membership the node had before the call's last proposal: real, but not what the call made
                    int q = lastProposal(edit, p, end.call());
                    TraceMembership before = membershipOf(edit.stateBefore(q, end.node()));
                    if (!before.equals(end.membership())) {
                        edit.replace(p, new CallEnd(end.node(), end.call(), true, before, null));
                        return Optional.of(p);
                    }
                }
            }
            return Optional.empty();
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).containsExactly("reportsProposed");
    }

    @Test
    void anOkBeforeTheCallsEntryCommitsIsRejected() throws IOException {
        Edited edited = firstEdit("ok-before-commit", edit -> {
            int p = edit.find(0, e -> e instanceof ProposeMembership pm && pm.call() != null
                    && (pm.step() == 2 || pm.entry().membership().configs().size() == 1)).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            ProposeMembership pm = (ProposeMembership) edit.get(p);
            edit.insert(p + 1, new CallEnd(pm.node(), pm.call(), true, pm.entry().membership(), null));
            return Optional.of(p + 1);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).containsExactly("entryCommitted");
    }

    @Test
    void anOkAfterAJointFirstStepWithoutTheSecondIsRejected() throws IOException {
        Edited edited = firstEdit("ok-after-joint-step-1", edit -> {
            int p = edit.find(0, e -> e instanceof ProposeMembership pm && pm.call() != null && pm.step() == 2).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            ProposeMembership pm = (ProposeMembership) edit.get(p);
            TraceMembership joint = ((ProposeMembership) edit.get(edit.find(0, e -> e instanceof ProposeMembership s1
                    && pm.call().equals(s1.call()) && s1.step() == 1).orElseThrow())).entry().membership();
            edit.insert(p, new CallEnd(pm.node(), pm.call(), true, joint, null));
            return Optional.of(p);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).containsExactly("finalStep");
    }

    @Test
    void aSecondStepThatIsNotNextCoherentOfTheGoalIsRejected() throws IOException {
        Edited edited = firstEdit("step-2-not-next-coherent", edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof ProposeMembership pm && pm.call() != null && pm.step() == 2
                        && pm.entry().membership().configs().size() == 1) {
                    TraceState before = edit.stateBefore(p, pm.node());
                    if (before.membership().configs().size() != 2) {
                        continue;
                    }
                    // back to the first config of the joint membership: coherent, but not what the call computes
                    TraceMembership revert = new TraceMembership(List.of(before.membership().configs().get(0)),
                            pm.entry().membership().learners());
                    if (revert.equals(pm.entry().membership())) {
                        continue;
                    }
                    edit.replace(p, withMembership(pm, revert));
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.event()).isEqualTo("ProposeMembership");
        assertThat(d.falseGuards()).containsExactly("isCallTarget");
    }

    @Test
    void aProposalTheCallsChangesDoNotProduceIsRejected() throws IOException {
        Edited edited = firstEdit("proposal-not-from-changes", edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof CallStart s && s.operation() == CallOperation.CHANGE_MEMBERSHIP) {
                    int q = edit.find(p, e -> e instanceof ProposeMembership pm && Long.valueOf(s.call()).equals(pm.call()))
                            .orElse(-1);
                    if (q < 0) {
                        continue;
                    }
                    // the caller asked to keep the voters as they are: any proposal is more than that
                    TraceState at = edit.stateBefore(q, s.node());
                    List<Integer> last = at.membership().configs().get(at.membership().configs().size() - 1);
                    List<TraceChange> same = List.of(new TraceChange(TraceChange.Type.ReplaceAllVoters, last));
                    edit.replace(p, new CallStart(s.node(), s.call(), s.operation(), same, s.retain(), null, null));
                    return Optional.of(q);
                }
            }
            return Optional.empty();
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.event()).isEqualTo("ProposeMembership");
        assertThat(d.falseGuards()).containsExactly("isCallTarget");
    }

    @Test
    void aProposalLoggedAsTheWrongStepIsRejected() throws IOException {
        Edited edited = firstEdit("proposal-wrong-step", edit -> {
            int p = edit.find(0, e -> e instanceof ProposeMembership pm && pm.call() != null && pm.step() == 1
                    && unguarded(edit, pm.call())).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            ProposeMembership pm = (ProposeMembership) edit.get(p);
            edit.replace(p, new ProposeMembership(pm.node(), pm.entry(), pm.index(), pm.call(), 2, pm.state()));
            return Optional.of(p);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).containsExactly("stepIsNext");
    }

    @Test
    void anInvalidChangeErrorAfterAnInProgressRefusalIsRejected() throws IOException {
        Edited edited = firstEdit("invalid-change-after-in-progress", edit -> {
            int p = edit.find(0, e -> e instanceof ProposeMembershipRejected r && r.call() != null
                    && r.reason() == RejectReason.IN_PROGRESS).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            ProposeMembershipRejected r = (ProposeMembershipRejected) edit.get(p);
            edit.insert(p + 1, new CallEnd(r.node(), r.call(), false, null, "invalid_change"));
            return Optional.of(p + 1);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).containsExactly("invalidOrRefused");
    }

    @Test
    void aPreconditionFailureWhileTheGuardHoldsIsRejected() throws IOException {
        Edited edited = firstEdit("precondition-failed-while-guard-holds", edit -> {
            int p = edit.find(0, e -> e instanceof CallStart s && s.operation() == CallOperation.CHANGE_MEMBERSHIP_IF)
                    .orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            CallStart s = (CallStart) edit.get(p);
            edit.insert(p + 1, new CallEnd(s.node(), s.call(), false, null, "precondition_failed"));
            return Optional.of(p + 1);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).containsExactly("guardFails");
    }

    @Test
    void anErrorAfterTheCallsFinalEntryCommittedIsRejected() throws IOException {
        Edited edited = firstEdit("error-after-commit", edit -> {
            int p = edit.find(0, e -> e instanceof CallEnd end && end.ok()).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            CallEnd end = (CallEnd) edit.get(p);
            edit.replace(p, new CallEnd(end.node(), end.call(), false, null, "not_leader"));
            return Optional.of(p);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).containsExactly("lostLeadership");
    }

    @Test
    void aCallEndingAtAnotherNodeIsRejected() throws IOException {
        Edited edited = firstEdit("call-ends-elsewhere", edit -> {
            int p = edit.find(0, e -> e instanceof CallEnd).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            CallEnd end = (CallEnd) edit.get(p);
            int other = end.node() == 1 ? 2 : 1;
            edit.replace(p, new CallEnd(other, end.call(), end.ok(), end.membership(), end.error()));
            return Optional.of(p);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).containsExactly("atCallNode");
    }

    // ---------------------------------------------------------------- refusal order

    @Test
    void anIncoherentRefusalWhileThePreviousMembershipIsUncommittedIsRejected() throws IOException {
        Edited edited = firstEdit("incoherent-while-in-progress", edit -> {
            int p = edit.find(0, e -> e instanceof ProposeMembershipRejected r && r.reason() == RejectReason.IN_PROGRESS)
                    .orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            ProposeMembershipRejected r = (ProposeMembershipRejected) edit.get(p);
            // a refusal no call made, so that only the leader's check order decides
            edit.replace(p, new ProposeMembershipRejected(r.node(), RejectReason.INCOHERENT, r.membership(), null, null,
                    r.state()));
            return Optional.of(p);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).contains("commitGuardsHeld");
    }

    // ---------------------------------------------------------------- contract

    @Test
    void aCommitShortOfTheLargestIndexTheQuorumAllowsIsRejected() throws IOException {
        Edited edited = firstEdit("commit-not-largest", edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.AdvanceCommitIndex a) {
                    TraceState before = edit.stateBefore(p, a.node());
                    long n = a.commitIndex() - 1;
                    int b = lastBecomeLeader(edit, p, a.node());
                    if (b >= 0 && n > before.commitIndex() && n >= ((TraceEvent.BecomeLeader) edit.get(b)).index()) {
                        edit.replace(p, new TraceEvent.AdvanceCommitIndex(a.node(), n, States.commitIndex(a.state(), n)));
                        return Optional.of(p);
                    }
                }
            }
            return Optional.empty();
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).isEmpty();
        assertThat(d.differences()).extracting(Diagnosis.Difference::toString)
                .containsExactly("contract check commitsLargestIndex fails (docs/protocol-contract.md, \"Impl choices\")");
    }

    private static int lastBecomeLeader(TraceEdit edit, int before, int node) {
        for (int p = before - 1; p >= 0; p--) {
            if (edit.get(p) instanceof TraceEvent.BecomeLeader b && b.node() == node) {
                return p;
            }
        }
        return -1;
    }

    @Test
    void aHeartbeatToANodeOutsideTheMembershipIsRejected() throws IOException {
        Edited edited = firstEdit("heartbeat-to-outsider", edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.SendAppendEntries s) {
                    int outsider = outside(s.state(), edit.header().nodes());
                    if (outsider > 0) {
                        TraceMessage.AppendEntries m = s.msg();
                        edit.insert(p + 1, new TraceEvent.SendAppendEntries(s.node(), new TraceMessage.AppendEntries(
                                m.term(), m.source(), outsider, m.prevLogIndex(), m.prevLogTerm(), m.entries(),
                                m.commitIndex()), s.state()));
                        return Optional.of(p + 1);
                    }
                }
            }
            return Optional.empty();
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.differences()).extracting(Diagnosis.Difference::name).containsExactly("requestsToMembers");
    }

    @Test
    void aVoteRequestToALearnerIsRejected() throws IOException {
        Edited edited = firstEdit("vote-request-to-learner", edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.SendRequestVote s && !s.state().membership().learners().isEmpty()) {
                    TraceMessage.RequestVote m = s.msg();
                    int learner = s.state().membership().learners().get(0);
                    edit.insert(p + 1, new TraceEvent.SendRequestVote(s.node(), new TraceMessage.RequestVote(m.term(),
                            m.source(), learner, m.lastLogIndex(), m.lastLogTerm()), s.state()));
                    return Optional.of(p + 1);
                }
            }
            return Optional.empty();
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.differences()).extracting(Diagnosis.Difference::name).containsExactly("requestsToMembers");
    }

    private static int outside(TraceState s, List<Integer> nodes) {
        TreeSet<Integer> members = new TreeSet<>(s.membership().learners());
        s.membership().configs().forEach(members::addAll);
        return nodes.stream().filter(n -> !members.contains(n)).findFirst().orElse(0);
    }

    // ---------------------------------------------------------------- crash

    @Test
    void aStepOfACrashedNodeIsRejected() throws IOException {
        Edited edited = firstEdit("step-after-crash", edit -> {
            int p = edit.find(0, e -> e instanceof TraceEvent.Timeout).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            edit.insert(p, new TraceEvent.Crash(edit.get(p).node()));
            return Optional.of(p + 1);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.event()).isEqualTo("Timeout");
        assertThat(d.falseGuards()).containsExactly("nodeUp");
    }

    @Test
    void aCrashedLeaderThatStillProposesIsRejected() throws IOException {
        Edited edited = firstEdit("proposal-after-crash", edit -> {
            int p = edit.find(0, e -> e instanceof ProposeMembership).orElse(-1);
            if (p < 0) {
                return Optional.empty();
            }
            edit.insert(p, new TraceEvent.Crash(edit.get(p).node()));
            return Optional.of(p + 1);
        });

        Diagnosis d = Rejections.rejected(edited);

        assertThat(d.falseGuards()).contains("nodeUp");
        assertThat(d.specState()).containsEntry("role", "\"" + Role.LEADER.traceName() + "\"");
    }
}
