package org.jointraft.core;

import java.util.List;
import java.util.Objects;

/**
 * A client-side membership call (docs/membership.md, "The two-step call") as a pure state machine: a driver calls
 * {@link #poll(RaftNode)} on the leader whenever it likes (e.g. after each delivery or tick) and sends the returned
 * {@link Ready}'s messages. Step 1 applies the changes to the last voter set of the effective membership, proposes
 * {@code nextCoherent} and waits for its commit; if that is joint, step 2 re-reads the then-effective membership,
 * applies the same changes, proposes {@code nextCoherent} and waits for its commit. IN_PROGRESS refusals are retried
 * on the next poll. {@link #pollUntilBetweenSteps(RaftNode)} stops after step 1 commits, so a simulator can hold a
 * call between its steps. Start and end are reported to the node's observer as {@link CallEvent}s.
 */
public final class MembershipCall {

    /** Where the call is. PROPOSING_x: the next poll proposes (again); AWAITING_x: waiting for the commit. */
    public enum Phase { NEW, PROPOSING_STEP1, AWAITING_STEP1, BETWEEN_STEPS, PROPOSING_STEP2, AWAITING_STEP2, DONE }

    private final long callId;
    private final CallOperation operation;
    private final List<MembershipChange> changes;
    private final boolean retain;
    private final Long expectedIndex;
    private final Membership target;

    private Phase phase = Phase.NEW;
    private Membership proposed;
    private long proposedIndex;
    private long proposedTerm;
    private long step1Index;
    private CallOutcome outcome;

    private MembershipCall(long callId, CallOperation operation, List<MembershipChange> changes, boolean retain,
            Long expectedIndex, Membership target) {
        this.callId = callId;
        this.operation = operation;
        this.changes = changes;
        this.retain = retain;
        this.expectedIndex = expectedIndex;
        this.target = target;
    }

    /** change_membership(changes, retain). */
    public static MembershipCall changeMembership(long callId, List<MembershipChange> changes, boolean retain) {
        return new MembershipCall(callId, CallOperation.CHANGE_MEMBERSHIP, List.copyOf(changes), retain, null, null);
    }

    /** The guarded change: fails with PRECONDITION_FAILED unless the effective membership is at the given index. */
    public static MembershipCall changeMembershipIf(long callId, long expectedMembershipIndex,
            List<MembershipChange> changes, boolean retain) {
        return new MembershipCall(callId, CallOperation.CHANGE_MEMBERSHIP_IF, List.copyOf(changes), retain,
                expectedMembershipIndex, null);
    }

    /** One explicit proposal of {@code target} (pivots and reverts), waiting for its commit. */
    public static MembershipCall proposeMembership(long callId, Membership target) {
        return new MembershipCall(callId, CallOperation.PROPOSE_MEMBERSHIP, List.of(), false, null,
                Objects.requireNonNull(target, "target"));
    }

    public long callId() {
        return callId;
    }

    public CallOperation operation() {
        return operation;
    }

    public Phase phase() {
        return phase;
    }

    public boolean isDone() {
        return phase == Phase.DONE;
    }

    /** How the call ended; null until {@link #isDone()}. */
    public CallOutcome outcome() {
        return outcome;
    }

    /** Log index of the entry proposed last (0 before the first proposal). */
    public long proposedIndex() {
        return proposedIndex;
    }

    /** Advances the call as far as it can go now, through both steps. */
    public Ready poll(RaftNode node) {
        return advance(node, false);
    }

    /** As {@link #poll(RaftNode)}, but stops in {@link Phase#BETWEEN_STEPS} once step 1 commits to a joint membership. */
    public Ready pollUntilBetweenSteps(RaftNode node) {
        return advance(node, true);
    }

    private Ready advance(RaftNode node, boolean holdBetweenSteps) {
        Ready ready = Ready.EMPTY;
        while (true) {
            switch (phase) {
                case NEW -> start(node);
                case PROPOSING_STEP1, PROPOSING_STEP2 -> {
                    Phase before = phase;
                    ready = ready.then(propose(node, phase == Phase.PROPOSING_STEP1 ? 1 : 2));
                    if (phase == before) {
                        return ready; // in progress: retry on a later poll
                    }
                }
                case AWAITING_STEP1, AWAITING_STEP2 -> {
                    if (!awaitCommit(node)) {
                        return ready;
                    }
                }
                case BETWEEN_STEPS -> {
                    if (holdBetweenSteps) {
                        return ready;
                    }
                    phase = Phase.PROPOSING_STEP2;
                }
                case DONE -> {
                    return ready;
                }
            }
        }
    }

    // Spec: JointRaftClient.tla StartCall
    private void start(RaftNode node) {
        if (node.observer() != StepObserver.NONE) {
            node.observer().onCall(node.id(), new CallEvent.Start(callId, operation, changes, retain, expectedIndex,
                    target));
        }
        phase = Phase.PROPOSING_STEP1;
    }

    /** One attempt of step {@code step}: its guard, its target, the leader's answer (CallProposeRefused too). */
    // Spec: JointRaftClient.tla CallProposeMembership
    private Ready propose(RaftNode node, int step) {
        if (node.role() != Role.LEADER) {
            finish(node, CallOutcome.failure(MembershipError.NOT_LEADER, node.leaderHint(),
                    "node " + node.id() + " is not the leader"));
            return Ready.EMPTY;
        }
        Long expected = step == 1 ? expectedIndex : (expectedIndex == null ? null : step1Index);
        if (expected != null && node.effectiveMembershipIndex() != expected) {
            finish(node, CallOutcome.failure(MembershipError.PRECONDITION_FAILED, 0,
                    "expected the effective membership at index " + expected + ", found "
                            + node.effectiveMembership() + " at index " + node.effectiveMembershipIndex()));
            return Ready.EMPTY;
        }
        Membership next;
        try {
            next = target != null ? target : node.effectiveMembership().change(changes, retain);
        } catch (MembershipException e) {
            finish(node, CallOutcome.failure(MembershipError.INVALID_CHANGE, 0, e.getMessage()));
            return Ready.EMPTY;
        }
        Proposal proposal = node.proposeMembership(next, new CallStep(callId, step));
        if (proposal.accepted()) {
            proposed = next;
            proposedIndex = proposal.index();
            proposedTerm = proposal.term();
            if (step == 1) {
                step1Index = proposal.index();
            }
            phase = step == 1 ? Phase.AWAITING_STEP1 : Phase.AWAITING_STEP2;
        } else if (proposal.rejected() != RejectReason.IN_PROGRESS) {
            // INCOHERENT (a leader, checked above, is never refused with NOT_LEADER)
            finish(node, CallOutcome.failure(MembershipError.INVALID_CHANGE, 0, next + " is "
                    + proposal.rejected().traceName() + " with " + node.effectiveMembership()));
        }
        return proposal.ready();
    }

    /** True when the call moved on (committed or failed); false while the entry waits for its commit. */
    // Spec: JointRaftClient.tla EntryCommitted
    private boolean awaitCommit(RaftNode node) {
        // a compacted entry has no term to compare; the leader of its term still holds it, and it is committed
        boolean committed = proposedIndex <= node.snapshotIndex()
                ? node.role() == Role.LEADER && node.currentTerm() == proposedTerm
                : node.commitIndex() >= proposedIndex && node.lastLogIndex() >= proposedIndex
                        && node.termAt(proposedIndex) == proposedTerm;
        if (committed) {
            boolean secondStep = phase == Phase.AWAITING_STEP1 && target == null && proposed.isJoint();
            if (secondStep) {
                phase = Phase.BETWEEN_STEPS;
            } else {
                finish(node, CallOutcome.success(proposed));
            }
            return true;
        }
        if (node.role() != Role.LEADER || node.currentTerm() != proposedTerm) {
            finish(node, CallOutcome.failure(MembershipError.NOT_LEADER, node.leaderHint(), "node " + node.id()
                    + " lost leadership before entry " + proposedIndex + " committed; its outcome is unknown"));
            return true;
        }
        return false;
    }

    // Spec: JointRaftClient.tla EndCall
    private void finish(RaftNode node, CallOutcome result) {
        outcome = result;
        phase = Phase.DONE;
        if (node.observer() != StepObserver.NONE) {
            node.observer().onCall(node.id(), new CallEvent.End(callId, result.ok(), result.membership(),
                    result.ok() ? null : result.error().traceName()));
        }
    }
}
