package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jointraft.core.RejectReason;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceEntry;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceMembership;
import org.jointraft.trace.TraceMessage;
import org.jointraft.trace.TraceState;
import org.junit.jupiter.api.Test;
import org.jointraft.conformance.validate.Rejections.Edited;
import org.junit.jupiter.api.io.TempDir;

/**
 * Valid simulator traces, each edited at one event so that it breaks the protocol in one way: TLC must
 * reject it at exactly that event, naming the guard that is false or the field that differs.
 */
class RejectedTracesTest {
    @TempDir
    Path dir;

    private Edited save(TraceEdit edit, int position, String name) {
        return Rejections.save(dir, edit, position, name);
    }

    private static Diagnosis rejected(Edited edited) throws IOException {
        return Rejections.rejected(edited);
    }

    private static boolean isLeaderEvent(TraceEvent e) {
        return e instanceof TraceEvent.BecomeLeader;
    }

    @Test
    void aSecondLeaderInTheSameTermIsRejectedForLackingAQuorumOfVotes() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.BecomeLeader won) {
                    for (int rival = 1; rival <= 5; rival++) {
                        TraceState s = edit.stateBefore(p, rival);
                        if (rival != won.node() && s != null && s.role() == Role.CANDIDATE
                                && s.term() == won.state().term()) {
                            TraceState leader = States.lastLog(States.role(s, Role.LEADER), s.lastLogIndex() + 1, s.term());
                            edit.insert(p + 1, new TraceEvent.BecomeLeader(rival, TraceEntry.blank(s.term()),
                                    s.lastLogIndex() + 1, leader));
                            return Optional.of(save(edit, p + 1, "two-leaders"));
                        }
                    }
                }
            }
            return Optional.empty();
        });

        Diagnosis d = rejected(edited);

        assertThat(d.event()).isEqualTo("BecomeLeader");
        assertThat(d.falseGuards()).containsExactly("quorumOfVotes");
    }

    @Test
    void aCommitWithoutAQuorumOfBothJointConfigsIsRejected() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            for (int p = 1; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.AdvanceCommitIndex a && a.state().membership().configs().size() == 2
                        && edit.get(p - 1) instanceof TraceEvent.HandleAppendEntriesResponse r && r.node() == a.node()) {
                    edit.delete(p - 1);
                    return Optional.of(save(edit, p - 1, "commit-without-joint-quorum"));
                }
            }
            return Optional.empty();
        });

        Diagnosis d = rejected(edited);

        assertThat(d.event()).isEqualTo("AdvanceCommitIndex");
        assertThat(d.falseGuards()).containsExactly("quorumReplicated");
    }

    @Test
    void aMembershipProposedWhileThePreviousOneIsUncommittedIsRejected() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            OptionalInt found = edit.find(0, e -> e instanceof TraceEvent.ProposeMembership pm
                    && pm.entry().membership().configs().size() == 2);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            int p = found.getAsInt();
            TraceEvent.ProposeMembership joint = (TraceEvent.ProposeMembership) edit.get(p);
            TraceMembership next = new TraceMembership(List.of(joint.entry().membership().configs().get(1)),
                    joint.entry().membership().learners());
            long index = joint.index() + 1;
            TraceState s = States.membership(States.lastLog(joint.state(), index, joint.state().term()), next, index);
            edit.insert(p + 1, new TraceEvent.ProposeMembership(joint.node(),
                    TraceEntry.member(joint.state().term(), next), index, s));
            return Optional.of(save(edit, p + 1, "membership-in-progress"));
        });

        Diagnosis d = rejected(edited);

        assertThat(d.event()).isEqualTo("ProposeMembership");
        assertThat(d.falseGuards()).contains("effectiveCommitted");
    }

    @Test
    void skippingTheJointStepIsRejectedAsIncoherent() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            OptionalInt found = edit.find(0, e -> e instanceof TraceEvent.ProposeMembership pm
                    && pm.entry().membership().configs().size() == 2
                    && !pm.entry().membership().configs().get(0).equals(pm.entry().membership().configs().get(1)));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            int p = found.getAsInt();
            TraceEvent.ProposeMembership joint = (TraceEvent.ProposeMembership) edit.get(p);
            TraceMembership direct = new TraceMembership(List.of(joint.entry().membership().configs().get(1)),
                    joint.entry().membership().learners());
            edit.replace(p, new TraceEvent.ProposeMembership(joint.node(), TraceEntry.member(joint.entry().term(), direct),
                    joint.index(), States.membership(joint.state(), direct, joint.index())));
            return Optional.of(save(edit, p, "skipped-joint-step"));
        });

        Diagnosis d = rejected(edited);

        assertThat(d.falseGuards()).containsExactly("coherent");
    }

    @Test
    void aFollowerThatDropsACommittedEntryIsRejectedOnItsLogLength() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.HandleAppendEntries h && h.reply().success()) {
                    TraceState before = edit.stateBefore(p, h.node());
                    if (before != null && before.commitIndex() >= 2 && h.state().lastLogIndex() >= before.commitIndex()) {
                        edit.replace(p, new TraceEvent.HandleAppendEntries(h.node(), h.msg(), h.reply(),
                                States.lastLog(h.state(), before.commitIndex() - 1, h.state().lastLogTerm())));
                        return Optional.of(save(edit, p, "committed-entry-truncated"));
                    }
                }
            }
            return Optional.empty();
        });

        Diagnosis d = rejected(edited);

        assertThat(d.falseGuards()).isEmpty();
        assertThat(d.differences()).extracting(Diagnosis.Difference::name).contains("lastLogIndex");
    }

    @Test
    void aSecondVoteInTheSameTermIsRejectedOnTheReplyAndVotedFor() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.HandleRequestVote h && !h.reply().granted()
                        && h.msg().term() == h.state().term() && h.state().votedFor() != 0
                        && h.state().votedFor() != h.msg().source()) {
                    TraceMessage.RequestVoteResponse grant = new TraceMessage.RequestVoteResponse(h.reply().term(),
                            h.reply().source(), h.reply().dest(), true);
                    edit.replace(p, new TraceEvent.HandleRequestVote(h.node(), h.msg(), grant,
                            States.votedFor(h.state(), h.msg().source())));
                    return Optional.of(save(edit, p, "double-vote"));
                }
            }
            return Optional.empty();
        });

        Diagnosis d = rejected(edited);

        assertThat(d.differences()).extracting(Diagnosis.Difference::name).contains("votedFor", "reply");
    }

    @Test
    void aWrongPostStateFieldIsNamedWithTheSpecValueAndTheTraceValue() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            int p = edit.find(0, e -> e instanceof TraceEvent.Timeout).orElseThrow();
            TraceEvent.Timeout timeout = (TraceEvent.Timeout) edit.get(p);
            edit.replace(p, new TraceEvent.Timeout(timeout.node(), States.term(timeout.state(), timeout.state().term() + 5)));
            return Optional.of(save(edit, p, "wrong-term"));
        });
        TraceEvent.Timeout original = (TraceEvent.Timeout) TraceEdit.of(edited.trace()).get(edited.rejectedAt() - 1);

        Diagnosis d = rejected(edited);

        assertThat(d.differences()).containsExactly(new Diagnosis.Difference(Diagnosis.Difference.Kind.FIELD, "term",
                Long.toString(original.state().term() - 5), Long.toString(original.state().term())));
        assertThat(d.reason()).contains("post-state field term differs");
    }

    @Test
    void aLeaderThatCountsAReplyTheSpecDoesNotIsRejectedOnItsMatch() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            int p = edit.find(0, e -> e instanceof TraceEvent.HandleAppendEntriesResponse r && r.match() != null)
                    .orElseThrow();
            TraceEvent.HandleAppendEntriesResponse r = (TraceEvent.HandleAppendEntriesResponse) edit.get(p);
            edit.replace(p, new TraceEvent.HandleAppendEntriesResponse(r.node(), r.msg(), r.match() + 7, r.state()));
            return Optional.of(save(edit, p, "wrong-match"));
        });
        TraceEvent.HandleAppendEntriesResponse logged =
                (TraceEvent.HandleAppendEntriesResponse) TraceEdit.of(edited.trace()).get(edited.rejectedAt() - 1);

        Diagnosis d = rejected(edited);

        assertThat(d.differences()).containsExactly(new Diagnosis.Difference(Diagnosis.Difference.Kind.FIELD, "match",
                Long.toString(logged.match() - 7), Long.toString(logged.match())));
    }

    @Test
    void aVoteRequestOfTheNodesOwnTermCannotBeIgnored() throws IOException {
        // leader stickiness drops only requests of a higher term; one of the receiver's own term must be answered
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.HandleRequestVote h) {
                    TraceState before = edit.stateBefore(p, h.node());
                    if (before != null && before.term() == h.msg().term() && before.role() != Role.CANDIDATE) {
                        edit.replace(p, new TraceEvent.IgnoreRequestVote(h.node(), h.msg(), before));
                        return Optional.of(save(edit, p, "ignore-own-term-request"));
                    }
                }
            }
            return Optional.empty();
        });

        Diagnosis d = rejected(edited);

        assertThat(d.event()).isEqualTo("IgnoreRequestVote");
        assertThat(d.falseGuards()).containsExactly("newerTerm");
    }

    @Test
    void aNodeOutsideTheBootstrapCannotCampaign() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            TraceMembership boot = TraceMembership.uniform(1, 2, 3);
            edit.insert(0, new TraceEvent.Timeout(5, new TraceState(1, 5, Role.CANDIDATE, 0, 0, 0, boot, 0)));
            return Optional.of(save(edit, 0, "outsider-timeout"));
        });

        Diagnosis d = rejected(edited);

        assertThat(d.node()).isEqualTo(5);
        assertThat(d.falseGuards()).containsExactly("mayCampaign");
    }

    @Test
    void receivingAMessageThatWasNeverSentIsRejected() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            int p = edit.find(0, e -> e instanceof TraceEvent.HandleAppendEntries).orElseThrow();
            TraceEvent.HandleAppendEntries h = (TraceEvent.HandleAppendEntries) edit.get(p);
            TraceMessage.AppendEntries forged = new TraceMessage.AppendEntries(h.msg().term(), h.msg().source(),
                    h.msg().dest(), h.msg().prevLogIndex(), h.msg().prevLogTerm(), h.msg().entries(), h.msg().commitIndex() + 1);
            edit.replace(p, new TraceEvent.HandleAppendEntries(h.node(), forged, h.reply(), h.state()));
            return Optional.of(save(edit, p, "never-sent"));
        });

        Diagnosis d = rejected(edited);

        assertThat(d.falseGuards()).containsExactly("inFlight");
    }

    @Test
    void anInProgressRefusalThatTheSpecWouldHaveAllowedIsRejected() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            OptionalInt found = edit.find(0, e -> e instanceof TraceEvent.ProposeMembership);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            int p = found.getAsInt();
            TraceEvent.ProposeMembership pm = (TraceEvent.ProposeMembership) edit.get(p);
            edit.insert(p, new TraceEvent.ProposeMembershipRejected(pm.node(), RejectReason.IN_PROGRESS,
                    pm.entry().membership(), edit.stateBefore(p, pm.node())));
            return Optional.of(save(edit, p, "wrong-refusal"));
        });

        Diagnosis d = rejected(edited);

        assertThat(d.event()).isEqualTo("ProposeMembershipRejected");
        assertThat(d.falseGuards()).containsExactly("specRefusesInProgress");
    }

    @Test
    void committingAnEntryOfAnEarlierTermIsRejected() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.BecomeLeader b && b.state().commitIndex() < b.index() - 1) {
                    long n = b.index() - 1;
                    edit.insert(p + 1, new TraceEvent.AdvanceCommitIndex(b.node(), n, States.commitIndex(b.state(), n)));
                    return Optional.of(save(edit, p + 1, "old-term-commit"));
                }
            }
            return Optional.empty();
        });

        Diagnosis d = rejected(edited);

        assertThat(d.falseGuards()).contains("ownTerm");
    }

    @Test
    void aSentMessageThatDiffersFromTheSpecsIsRejected() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            OptionalInt found = edit.find(0, e -> e instanceof TraceEvent.SendAppendEntries s && s.msg().prevLogIndex() >= 1);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            int p = found.getAsInt();
            TraceEvent.SendAppendEntries s = (TraceEvent.SendAppendEntries) edit.get(p);
            TraceMessage.AppendEntries m = s.msg();
            edit.replace(p, new TraceEvent.SendAppendEntries(s.node(), new TraceMessage.AppendEntries(m.term(), m.source(),
                    m.dest(), m.prevLogIndex(), m.prevLogTerm() + 1, m.entries(), m.commitIndex()), s.state()));
            return Optional.of(save(edit, p, "wrong-prev-term"));
        });

        Diagnosis d = rejected(edited);

        assertThat(d.falseGuards()).isEmpty();
        assertThat(d.differences()).extracting(Diagnosis.Difference::kind).containsExactly(Diagnosis.Difference.Kind.SENT);
    }

    @Test
    void aLeaderThatIsAVoterCannotStepDown() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            int p = edit.find(0, RejectedTracesTest::isLeaderEvent).orElseThrow();
            TraceEvent.BecomeLeader b = (TraceEvent.BecomeLeader) edit.get(p);
            edit.insert(p + 1, new TraceEvent.StepDown(b.node(), States.role(b.state(), Role.FOLLOWER)));
            return Optional.of(save(edit, p + 1, "voter-steps-down"));
        });

        Diagnosis d = rejected(edited);

        assertThat(d.falseGuards()).containsExactly("notCommittedVoter");
    }

    @Test
    void aRemovedLeaderThatDoesNotStepDownRightAfterItsCommitIsRejectedAtTheNextEvent() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            for (int p = 1; p + 1 < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.StepDown s
                        && edit.get(p - 1) instanceof TraceEvent.AdvanceCommitIndex a && a.node() == s.node()) {
                    edit.delete(p);
                    return Optional.of(save(edit, p, "removed-leader-keeps-leading"));
                }
            }
            return Optional.empty();
        });

        Diagnosis d = rejected(edited);

        assertThat(d.falseGuards()).isEmpty();
        assertThat(d.differences()).extracting(Diagnosis.Difference::toString)
                .contains("safety check promptStepDown fails");
    }

    @Test
    void aRestartThatKeepsTheCommitIndexIsRejected() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.Restart r) {
                    TraceState before = edit.stateBefore(p, r.node());
                    if (before != null && before.commitIndex() > 0) {
                        edit.replace(p, new TraceEvent.Restart(r.node(), States.commitIndex(r.state(), before.commitIndex())));
                        return Optional.of(save(edit, p, "restart-keeps-commit"));
                    }
                }
            }
            return Optional.empty();
        });

        Diagnosis d = rejected(edited);

        assertThat(d.differences()).extracting(Diagnosis.Difference::name).containsExactly("commitIndex");
    }

    @Test
    void aDeliveryOfALostMessageIsRejected() throws IOException {
        Edited edited = SimTraces.firstEdit(dir, edit -> {
            for (int p = 0; p < edit.events().size(); p++) {
                if (edit.get(p) instanceof TraceEvent.DropMessage drop
                        && drop.msg() instanceof TraceMessage.AppendEntriesResponse lost) {
                    TraceState s = edit.stateBefore(p, lost.dest());
                    if (s != null) {
                        edit.insert(p + 1, new TraceEvent.HandleAppendEntriesResponse(lost.dest(), lost, null, s));
                        return Optional.of(save(edit, p + 1, "lost-delivered"));
                    }
                }
            }
            return Optional.empty();
        });

        Diagnosis d = rejected(edited);

        assertThat(d.falseGuards()).containsExactly("inFlight");
    }
}
