package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the golden files of {@link MembershipCallDataTest} do not print: a call's own accessors. */
class MembershipCallTest {

    @Test
    void aCallNamesItsOperationAndTheLogIndexOfItsLastProposal() {
        RaftNode leader = new RaftNode(NodeConfig.of(1, Membership.of(1), 1), StepObserver.NONE);
        while (leader.role() != Role.LEADER) {
            leader.tick();
        }
        MembershipCall call = MembershipCall.changeMembership(7, List.of(MembershipChange.addLearners(2)), false);
        assertThat(call.callId()).isEqualTo(7);
        assertThat(call.operation()).isEqualTo(CallOperation.CHANGE_MEMBERSHIP);
        assertThat(call.proposedIndex()).isZero();
        call.poll(leader);
        assertThat(call.isDone()).isTrue();
        assertThat(call.proposedIndex()).isEqualTo(3);
        assertThat(leader.entry(3).membership()).isEqualTo(Membership.uniform(List.of(1), List.of(2)));
        assertThat(MembershipCall.proposeMembership(8, Membership.of(1)).operation())
                .isEqualTo(CallOperation.PROPOSE_MEMBERSHIP);
    }

    @Test
    void aCallStepHasAPositiveCallIdAndStepOneOrTwo() {
        assertThat(new CallStep(3, 2).step()).isEqualTo(2);
        assertThatThrownBy(() -> new CallStep(0, 1)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new CallStep(1, 3)).hasMessageContaining("1 or 2");
    }
}
