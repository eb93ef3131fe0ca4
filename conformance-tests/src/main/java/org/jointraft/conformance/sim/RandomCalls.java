package org.jointraft.conformance.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipChange;
import org.jointraft.core.RaftNode;

/**
 * Picks random membership calls for a leader: every change kind, learners added and later promoted, removal of the
 * leader itself, guarded calls, and explicit pivots and reverts of a joint membership. Most picks are valid for the
 * leader's membership at the time; a call may still fail when the membership moves before it is proposed.
 */
final class RandomCalls {

    private final SplittableRandom random;
    private final int nodes;

    RandomCalls(SplittableRandom random, int nodes) {
        this.random = random;
        this.nodes = nodes;
    }

    SimCall start(Cluster cluster, int leader) {
        RaftNode l = cluster.node(leader);
        Membership m = l.effectiveMembership();
        boolean retain = random.nextInt(10) < 3;
        int kind = random.nextInt(9);
        if (kind == 8 || (kind == 7 && m.isJoint())) {
            return cluster.proposeMembership(leader, pivot(m));
        }
        List<MembershipChange> changes = changes(kind, m, leader);
        if (random.nextInt(4) == 0) {
            return cluster.changeMembershipIf(leader, l.effectiveMembershipIndex(), changes, retain);
        }
        return cluster.changeMembership(leader, changes, retain);
    }

    private List<MembershipChange> changes(int kind, Membership m, int leader) {
        TreeSet<Integer> voters = new TreeSet<>(m.lastConfig());
        TreeSet<Integer> others = outside(m);
        TreeSet<Integer> learners = new TreeSet<>(m.learners());
        switch (kind) {
            case 0, 7 -> { // add a voter (a learner if any: that promotes it)
                if (!learners.isEmpty()) {
                    return List.of(MembershipChange.addVoters(pick(learners)));
                }
                if (!others.isEmpty() && voters.size() < 5) {
                    return List.of(MembershipChange.addVoters(pick(others)));
                }
                return List.of(MembershipChange.removeVoters(pick(voters)));
            }
            case 1 -> { // remove a voter other than the leader
                voters.remove(leader);
                return List.of(MembershipChange.removeVoters(voters.isEmpty() ? leader : pick(voters)));
            }
            case 2 -> { // remove the leader
                return List.of(MembershipChange.removeVoters(leader));
            }
            case 3 -> { // add a learner
                if (!others.isEmpty()) {
                    return List.of(MembershipChange.addLearners(pick(others)));
                }
                return List.of(MembershipChange.addVoters(pick(voters)));
            }
            case 4 -> { // remove a learner (or any node: a no-op when absent, refused NODE_IS_VOTER when a voter)
                return List.of(MembershipChange.removeLearners(learners.isEmpty() ? 1 + random.nextInt(nodes)
                        : pick(learners)));
            }
            case 5 -> { // replace all voters with a random set
                return List.of(new MembershipChange.ReplaceAllVoters(randomSet()));
            }
            default -> { // swap one voter for another node
                List<MembershipChange> swap = new ArrayList<>();
                if (!others.isEmpty()) {
                    swap.add(MembershipChange.addVoters(pick(others)));
                }
                swap.add(MembershipChange.removeVoters(pick(voters)));
                return swap;
            }
        }
    }

    /** A coherent explicit target: for a joint [A, B], A or B alone or [A, B'] with B' a variant of B; else [A, G]. */
    private Membership pivot(Membership m) {
        SortedSet<Integer> first = m.configs().get(0);
        if (!m.isJoint()) {
            return Membership.joint(first, randomSet(), List.of());
        }
        SortedSet<Integer> second = m.configs().get(1);
        return switch (random.nextInt(3)) {
            case 0 -> Membership.uniform(first);
            case 1 -> Membership.uniform(second);
            default -> Membership.joint(first, variant(second), List.of());
        };
    }

    private TreeSet<Integer> variant(SortedSet<Integer> set) {
        TreeSet<Integer> v = new TreeSet<>(set);
        int out = pick(v);
        int in = 1 + random.nextInt(nodes);
        v.remove(out);
        v.add(in);
        return v;
    }

    private TreeSet<Integer> randomSet() {
        TreeSet<Integer> s = new TreeSet<>();
        int size = 1 + random.nextInt(Math.min(nodes, 5));
        while (s.size() < size) {
            s.add(1 + random.nextInt(nodes));
        }
        return s;
    }

    private TreeSet<Integer> outside(Membership m) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int id = 1; id <= nodes; id++) {
            if (!m.isMember(id)) {
                s.add(id);
            }
        }
        return s;
    }

    private int pick(SortedSet<Integer> set) {
        int k = random.nextInt(set.size());
        for (int id : set) {
            if (k-- == 0) {
                return id;
            }
        }
        throw new IllegalArgumentException("pick from an empty set");
    }
}
