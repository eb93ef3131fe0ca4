package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the membership algebra over the universe {1..5}. */
class MembershipPropertiesTest {

    private static final int UNIVERSE = 5;

    @Provide
    Arbitrary<Set<Integer>> voterSets() {
        return Arbitraries.integers().between(1, UNIVERSE).set().ofMinSize(1).ofMaxSize(UNIVERSE);
    }

    @Provide
    Arbitrary<Membership> memberships() {
        Arbitrary<Membership> uniform = voterSets().map(Membership::uniform);
        Arbitrary<Membership> joint = Combinators.combine(voterSets(), voterSets())
                .as((a, b) -> Membership.joint(a, b, Set.of()));
        return Arbitraries.oneOf(uniform, joint);
    }

    @Provide
    Arbitrary<Membership[]> coherentPairs() {
        return Combinators.combine(memberships(), voterSets(), Arbitraries.integers().between(0, 2))
                .as((m, other, shape) -> {
                    // build a second membership that shares one voter set of m
                    Set<Integer> shared = m.configs().get(shape % m.configs().size());
                    Membership n = switch (shape) {
                        case 0 -> Membership.uniform(shared);
                        case 1 -> Membership.joint(shared, other, Set.of());
                        default -> Membership.joint(other, shared, Set.of());
                    };
                    return new Membership[] {m, n};
                });
    }

    @Property
    void everyQuorumOfOneCoherentMembershipIntersectsEveryQuorumOfTheOther(
            @ForAll("coherentPairs") Membership[] pair) {
        assertThat(pair[0].isCoherentWith(pair[1])).isTrue();
        List<Set<Integer>> quorumsA = quorums(pair[0]);
        List<Set<Integer>> quorumsB = quorums(pair[1]);
        for (Set<Integer> qa : quorumsA) {
            for (Set<Integer> qb : quorumsB) {
                Set<Integer> both = new HashSet<>(qa);
                both.retainAll(qb);
                assertThat(both).as("quorum %s of %s and quorum %s of %s", qa, pair[0], qb, pair[1]).isNotEmpty();
            }
        }
    }

    @Property
    void nextCoherentIsCoherentWithItsInput(@ForAll("memberships") Membership m,
            @ForAll("voterSets") Set<Integer> goal) {
        Membership next = m.nextCoherent(goal);
        assertThat(next.isCoherentWith(m)).isTrue();
        assertThat(next.lastConfig()).isEqualTo(goal);
    }

    @Property
    void twoStepsOfNextCoherentReachTheGoal(@ForAll("memberships") Membership m,
            @ForAll("voterSets") Set<Integer> goal) {
        Membership twice = m.nextCoherent(goal).nextCoherent(goal);
        assertThat(twice).isEqualTo(Membership.uniform(goal));
    }

    @Property
    void incoherentMembershipsCanHaveDisjointQuorumsOnlyWhenTheyShareNoSet(@ForAll("memberships") Membership a,
            @ForAll("memberships") Membership b) {
        // the converse direction: disjoint quorums imply incoherence
        boolean disjoint = false;
        for (Set<Integer> qa : quorums(a)) {
            for (Set<Integer> qb : quorums(b)) {
                if (qa.stream().noneMatch(qb::contains)) {
                    disjoint = true;
                }
            }
        }
        if (disjoint) {
            assertThat(a.isCoherentWith(b)).isFalse();
        }
    }

    /** All minimal-free enumeration of quorums: every subset of the universe that is a quorum. */
    private static List<Set<Integer>> quorums(Membership m) {
        List<Set<Integer>> result = new ArrayList<>();
        for (int mask = 0; mask < (1 << UNIVERSE); mask++) {
            Set<Integer> subset = new HashSet<>();
            for (int node = 1; node <= UNIVERSE; node++) {
                if ((mask & (1 << (node - 1))) != 0) {
                    subset.add(node);
                }
            }
            if (m.isQuorum(subset)) {
                result.add(subset);
            }
        }
        return result;
    }
}
