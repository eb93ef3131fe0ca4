package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What the golden files of {@link MembershipDataTest} cannot say: a membership is a value, safe to share, and null is no membership. */
class MembershipTest {

    @Test
    void theConstructorCopiesItsArgumentsSoLaterMutationHasNoEffect() {
        TreeSet<Integer> voters = new TreeSet<>(Set.of(1, 2));
        TreeSet<Integer> learners = new TreeSet<>(Set.of(3));
        Membership membership = new Membership(List.of(voters), learners);
        voters.add(4);
        learners.add(5);
        assertThat(membership.voters()).containsExactly(1, 2);
        assertThat(membership.learners()).containsExactly(3);
    }

    @Test
    void aMissingListOfVoterSetsIsRefusedAndMissingLearnersMeanNone() {
        assertThatThrownBy(() -> new Membership(null, null))
                .hasMessage("a membership needs 1 or 2 voter sets, got none");
        assertThat(new Membership(List.of(new TreeSet<>(Set.of(1))), null).learners()).isEmpty();
    }
}
