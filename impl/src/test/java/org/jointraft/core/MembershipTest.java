package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jointraft.core.MembershipChange.addLearners;
import static org.jointraft.core.MembershipChange.addVoters;
import static org.jointraft.core.MembershipChange.removeLearners;
import static org.jointraft.core.MembershipChange.removeVoters;
import static org.jointraft.core.MembershipChange.replaceAllVoters;

import java.util.List;
import java.util.Set;

import org.jointraft.core.MembershipException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MembershipTest {

    private static Membership joint(Set<Integer> a, Set<Integer> b) {
        return Membership.joint(a, b, Set.of());
    }

    @Test
    void aMembershipWithoutVoterSetsIsRejected() {
        assertThatThrownBy(() -> new Membership(List.of(), null))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_CONFIG_COUNT));
    }

    @Test
    void aMembershipWithThreeVoterSetsIsRejected() {
        assertThatThrownBy(() -> new Membership(List.of(
                new java.util.TreeSet<>(Set.of(1)), new java.util.TreeSet<>(Set.of(2)),
                new java.util.TreeSet<>(Set.of(3))), null))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_CONFIG_COUNT));
    }

    @Test
    void anEmptyVoterSetIsRejectedNamingWhichSet() {
        assertThatThrownBy(() -> Membership.joint(Set.of(1), Set.of(), Set.of()))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY_VOTER_SET))
                .hasMessageContaining("voter set #2");
    }

    @Test
    void nonPositiveIdsAreRejectedNamingTheId() {
        assertThatThrownBy(() -> Membership.of(1, 0))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_ID))
                .hasMessageContaining("node id 0");
        assertThatThrownBy(() -> Membership.uniform(Set.of(1), Set.of(-3)))
                .hasMessageContaining("node id -3 in learners");
    }

    @Test
    void aLearnerThatIsAlsoAVoterIsRejected() {
        assertThatThrownBy(() -> Membership.joint(Set.of(1), Set.of(1, 2), Set.of(2)))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.LEARNER_IS_VOTER))
                .hasMessageContaining("node 2");
    }

    @Test
    void theConstructorCopiesItsArgumentsSoLaterMutationHasNoEffect() {
        java.util.TreeSet<Integer> voters = new java.util.TreeSet<>(Set.of(1, 2));
        Membership membership = new Membership(List.of(voters), new java.util.TreeSet<>());
        voters.add(3);
        assertThat(membership.voters()).containsExactly(1, 2);
    }

    @Test
    void votersOfAJointMembershipAreTheUnionOfBothSets() {
        Membership m = Membership.joint(Set.of(1, 2), Set.of(2, 3), Set.of(4));
        assertThat(m.voters()).containsExactly(1, 2, 3);
        assertThat(m.members()).containsExactly(1, 2, 3, 4);
        assertThat(m.isJoint()).isTrue();
        assertThat(m.isVoter(4)).isFalse();
        assertThat(m.isLearner(4)).isTrue();
        assertThat(m.lastConfig()).containsExactly(2, 3);
    }

    @ParameterizedTest(name = "nodes {0} form a quorum of the joint membership: {1}")
    @CsvSource({"1 2 3, false", "1 3 4, true", "2 3 5, true", "1 2 4 5, true", "3, false", "1 2, false",
            "4 5, false", "1 2 3 4, true"})
    void aQuorumOfAJointMembershipNeedsAMajorityOfEachSet(String nodes, boolean quorum) {
        Membership m = joint(Set.of(1, 2, 3), Set.of(3, 4, 5));
        Set<Integer> set = new java.util.HashSet<>();
        for (String n : nodes.split(" ")) {
            set.add(Integer.parseInt(n));
        }
        assertThat(m.isQuorum(set)).isEqualTo(quorum);
    }

    @Test
    void halfOfAnEvenVoterSetIsNotAQuorum() {
        Membership m = Membership.of(1, 2, 3, 4);
        assertThat(m.isQuorum(Set.of(1, 2))).isFalse();
        assertThat(m.isQuorum(Set.of(1, 2, 3))).isTrue();
    }

    @Test
    void coherenceMeansSharingAnIdenticalVoterSet() {
        assertThat(Membership.of(1).isCoherentWith(joint(Set.of(1), Set.of(1, 2)))).isTrue();
        assertThat(joint(Set.of(1), Set.of(1, 2)).isCoherentWith(joint(Set.of(1, 2), Set.of(1)))).isTrue();
        assertThat(Membership.of(1).isCoherentWith(Membership.of(1, 2))).isFalse();
        assertThat(joint(Set.of(1, 2), Set.of(3)).isCoherentWith(joint(Set.of(1), Set.of(2, 3)))).isFalse();
        assertThat(Membership.of(1, 2).isCoherentWith(Membership.uniform(Set.of(1, 2), Set.of(3)))).isTrue();
    }

    @Test
    void nextCoherentFollowsTheDesignRuleForEachCase() {
        assertThat(Membership.of(1, 2).nextCoherent(Set.of(1, 2))).isEqualTo(Membership.of(1, 2));
        assertThat(Membership.of(1, 2).nextCoherent(Set.of(3))).isEqualTo(joint(Set.of(1, 2), Set.of(3)));
        assertThat(joint(Set.of(1), Set.of(2)).nextCoherent(Set.of(2))).isEqualTo(Membership.of(2));
        assertThat(joint(Set.of(1), Set.of(2)).nextCoherent(Set.of(1))).isEqualTo(joint(Set.of(2), Set.of(1)));
        assertThat(joint(Set.of(1), Set.of(2)).nextCoherent(Set.of(3))).isEqualTo(joint(Set.of(2), Set.of(3)));
    }

    @Test
    void nextCoherentDropsLearnersThatBecomeVoters() {
        Membership m = Membership.uniform(Set.of(1), Set.of(2, 3));
        assertThat(m.nextCoherent(Set.of(1, 2))).isEqualTo(Membership.joint(Set.of(1), Set.of(1, 2), Set.of(3)));
    }

    /** The parallel-calls example of docs/membership.md with node 1 and node 2. */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "task 1 step 1 adds x      | {1}           | add 2    | [{1},{1,2}]",
            "task 2 step 1 removes x   | [{1},{1,2}]   | remove 2 | [{1,2},{1}]",
            "task 2 step 2 finalizes   | [{1,2},{1}]   | remove 2 | {1}",
            "task 1 step 2 re-adds x   | {1}           | add 2    | [{1},{1,2}]"})
    void theParallelCallsTransitionsFollowNextCoherent(String step, String from, String change, String expected) {
        MembershipChange c = change.startsWith("add") ? addVoters(2) : removeVoters(2);
        assertThat(parse(from).change(List.of(c), false).toString()).isEqualTo(expected);
    }

    @Test
    void toStringShowsUniformJointAndLearners() {
        assertThat(Membership.uniform(Set.of(2, 1), Set.of(4))).hasToString("{1,2} learners {4}");
        assertThat(joint(Set.of(1), Set.of(1, 2))).hasToString("[{1},{1,2}]");
    }

    @Test
    void retainKeepsRemovedVotersAsLearners() {
        Membership from = Membership.of(1, 2, 3);
        assertThat(from.goal(List.of(removeVoters(3)), true)).isEqualTo(Membership.uniform(Set.of(1, 2), Set.of(3)));
        assertThat(from.goal(List.of(removeVoters(3)), false)).isEqualTo(Membership.of(1, 2));
    }

    @Test
    void retainAppliesInStepTwoToVotersOfTheOldSetOfAJointMembership() {
        Membership joint = joint(Set.of(1, 2, 3), Set.of(1, 2));
        assertThat(joint.change(List.of(removeVoters(3)), true)).isEqualTo(Membership.uniform(Set.of(1, 2), Set.of(3)));
        assertThat(joint.change(List.of(removeVoters(3)), false)).isEqualTo(Membership.of(1, 2));
    }

    @Test
    void learnersTheChangeDidNotRemoveStay() {
        Membership from = Membership.uniform(Set.of(1), Set.of(5, 6));
        assertThat(from.goal(List.of(addVoters(2), removeLearners(6)), false))
                .isEqualTo(Membership.uniform(Set.of(1, 2), Set.of(5)));
    }

    @Test
    void aNodeAddedAsVoterStopsBeingALearner() {
        Membership from = Membership.uniform(Set.of(1), Set.of(2));
        assertThat(from.change(List.of(addVoters(2)), false)).isEqualTo(joint(Set.of(1), Set.of(1, 2)));
    }

    @Test
    void removingAVoterAndItsLearnerRoleWithRetainLetsItLeave() {
        Membership from = Membership.of(1, 2);
        assertThat(from.goal(List.of(removeVoters(2), removeLearners(2)), true)).isEqualTo(Membership.of(1));
    }

    @Test
    void replaceAllVotersSetsTheGoalAndRetainKeepsTheOthers() {
        Membership from = Membership.of(1, 2, 3);
        assertThat(from.change(List.of(replaceAllVoters(4)), true))
                .isEqualTo(Membership.joint(Set.of(1, 2, 3), Set.of(4), Set.of()));
        Membership joint = Membership.joint(Set.of(1, 2, 3), Set.of(4), Set.of());
        assertThat(joint.change(List.of(replaceAllVoters(4)), true))
                .isEqualTo(Membership.uniform(Set.of(4), Set.of(1, 2, 3)));
    }

    @Test
    void addLearnersAddsNonVotingMembers() {
        assertThat(Membership.of(1).change(List.of(addLearners(2, 3)), false))
                .isEqualTo(Membership.uniform(Set.of(1), Set.of(2, 3)));
    }

    @Test
    void removingAnAbsentVoterOrLearnerIsANoOpSoStepTwoCanReapplyIt() {
        Membership from = Membership.of(1, 2);
        assertThat(from.change(List.of(removeVoters(7), removeLearners(8)), false)).isEqualTo(from);
    }

    @Test
    void removingEveryVoterIsRejected() {
        assertThatThrownBy(() -> Membership.of(1, 2).change(List.of(removeVoters(1, 2)), true))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.REMOVES_EVERY_VOTER))
                .hasMessageContaining("remove every voter");
    }

    @Test
    void aChangeNamingNoNodeOrAnInvalidIdIsRejected() {
        assertThatThrownBy(() -> new MembershipChange.AddVoters(Set.of()))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY_CHANGE));
        assertThatThrownBy(() -> addVoters(0))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_ID))
                .hasMessageContaining("AddVoters");
        assertThatThrownBy(() -> Membership.of(1).change(List.of(), false))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.EMPTY_CHANGE));
    }

    @Test
    void addingAVoterAsLearnerIsRejected() {
        assertThatThrownBy(() -> Membership.of(1, 2).change(List.of(addLearners(2)), false))
                .isInstanceOfSatisfying(MembershipException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.NODE_IS_VOTER))
                .hasMessageContaining("node 2");
    }

    /** Parses "{1,2}" or "[{1},{1,2}]". */
    static Membership parse(String text) {
        String t = text.trim();
        if (t.startsWith("[")) {
            String[] sets = t.substring(1, t.length() - 1).split("(?<=}),");
            return Membership.joint(set(sets[0]), set(sets[1]), Set.of());
        }
        return Membership.uniform(set(t));
    }

    private static Set<Integer> set(String braces) {
        Set<Integer> nodes = new java.util.TreeSet<>();
        for (String n : braces.replace("{", "").replace("}", "").split(",")) {
            nodes.add(Integer.parseInt(n.trim()));
        }
        return nodes;
    }
}
