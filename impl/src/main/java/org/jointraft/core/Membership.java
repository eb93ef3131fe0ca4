package org.jointraft.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jointraft.core.MembershipException.Problem;

/**
 * One (uniform) or two (joint) non-empty voter sets plus learners, disjoint from every voter set.
 * Immutable; the compact constructor validates and copies its arguments.
 */
public record Membership(List<SortedSet<Integer>> configs, SortedSet<Integer> learners) {

    public Membership {
        if (configs == null || configs.isEmpty() || configs.size() > 2) {
            throw new MembershipException(Problem.WRONG_CONFIG_COUNT,
                    "a membership needs 1 or 2 voter sets, got " + (configs == null ? "none" : configs.size()));
        }
        List<SortedSet<Integer>> copy = new ArrayList<>(configs.size());
        for (int c = 0; c < configs.size(); c++) {
            Set<Integer> config = configs.get(c);
            if (config == null || config.isEmpty()) {
                throw new MembershipException(Problem.EMPTY_VOTER_SET, "voter set #" + (c + 1) + " is empty");
            }
            copy.add(frozen(config, "voter set #" + (c + 1)));
        }
        configs = List.copyOf(copy);
        learners = frozen(learners == null ? Set.of() : learners, "learners");
        for (Integer learner : learners) {
            for (SortedSet<Integer> config : configs) {
                if (config.contains(learner)) {
                    throw new MembershipException(Problem.LEARNER_IS_VOTER,
                            "node " + learner + " is both a voter and a learner");
                }
            }
        }
    }

    /** A uniform membership without learners. */
    public static Membership uniform(Collection<Integer> voters) {
        return new Membership(List.of(new TreeSet<>(voters)), new TreeSet<>());
    }

    /** A uniform membership with learners. */
    public static Membership uniform(Collection<Integer> voters, Collection<Integer> learners) {
        return new Membership(List.of(new TreeSet<>(voters)), new TreeSet<>(learners));
    }

    /** A joint membership [old, new] with learners. */
    public static Membership joint(Collection<Integer> first, Collection<Integer> second, Collection<Integer> learners) {
        return new Membership(List.of(new TreeSet<>(first), new TreeSet<>(second)), new TreeSet<>(learners));
    }

    /** Shorthand for tests and examples: {@code Membership.of(1, 2, 3)} is the uniform {1,2,3}. */
    public static Membership of(Integer... voters) {
        return uniform(List.of(voters));
    }

    public boolean isJoint() {
        return configs.size() == 2;
    }

    /** The union of every voter set. */
    public SortedSet<Integer> voters() {
        if (!isJoint()) {
            return configs.get(0);
        }
        TreeSet<Integer> all = new TreeSet<>(configs.get(0));
        all.addAll(configs.get(1));
        return Collections.unmodifiableSortedSet(all);
    }

    /** Every voter and learner: the nodes a leader replicates to. */
    public SortedSet<Integer> members() {
        TreeSet<Integer> all = new TreeSet<>(voters());
        all.addAll(learners);
        return Collections.unmodifiableSortedSet(all);
    }

    public boolean isVoter(int node) {
        for (SortedSet<Integer> config : configs) {
            if (config.contains(node)) {
                return true;
            }
        }
        return false;
    }

    public boolean isLearner(int node) {
        return learners.contains(node);
    }

    public boolean isMember(int node) {
        return isVoter(node) || isLearner(node);
    }

    /** The last voter set: the new one of a joint membership, the only one of a uniform one. */
    public SortedSet<Integer> lastConfig() {
        return configs.get(configs.size() - 1);
    }

    /** True iff {@code nodes} holds a strict majority of every voter set. */
    public boolean isQuorum(Set<Integer> nodes) {
        for (SortedSet<Integer> config : configs) {
            int inside = 0;
            for (Integer node : config) {
                if (nodes.contains(node)) {
                    inside++;
                }
            }
            if (2 * inside <= config.size()) {
                return false;
            }
        }
        return true;
    }

    /** True iff some voter set of this membership is identical to some voter set of {@code other}. */
    public boolean isCoherentWith(Membership other) {
        for (SortedSet<Integer> mine : configs) {
            for (SortedSet<Integer> theirs : other.configs) {
                if (mine.equals(theirs)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The next membership towards voter set {@code goal} (docs/membership.md, "Next coherent"): uniform [A] gives [A] when
     * goal = A, else [A, goal]; joint [A, B] gives [goal] when goal = B, else [B, goal]. Learners are kept except those
     * that become voters.
     */
    public Membership nextCoherent(Set<Integer> goal) {
        return nextCoherent(goal, learners);
    }

    /** As {@link #nextCoherent(Set)}, with the given learners (minus whoever is a voter of the result). */
    // Spec: JointRaftClient.tla NextCoherent
    public Membership nextCoherent(Set<Integer> goal, Set<Integer> newLearners) {
        SortedSet<Integer> target = frozen(goal, "goal voter set");
        if (target.isEmpty()) {
            throw new MembershipException(Problem.EMPTY_VOTER_SET, "the goal voter set is empty");
        }
        List<SortedSet<Integer>> next;
        if (!isJoint()) {
            next = target.equals(configs.get(0)) ? List.of(target) : List.of(configs.get(0), target);
        } else {
            next = target.equals(configs.get(1)) ? List.of(target) : List.of(configs.get(1), target);
        }
        TreeSet<Integer> keptLearners = new TreeSet<>(newLearners);
        for (SortedSet<Integer> config : next) {
            keptLearners.removeAll(config);
        }
        return new Membership(next, keptLearners);
    }

    /**
     * The uniform goal that {@code changes} make of this membership's last voter set (docs/membership.md, "Changes and retain"): with
     * {@code retain}, voters that are no voters of the goal stay as learners; without, they leave. Learners the
     * changes do not remove stay.
     */
    public Membership goal(List<MembershipChange> changes, boolean retain) {
        return MembershipChange.applyAll(this, changes, retain);
    }

    /** {@code nextCoherent} towards {@link #goal}: what one step of change_membership proposes. */
    // Spec: JointRaftClient.tla ChangeTarget
    public Membership change(List<MembershipChange> changes, boolean retain) {
        Membership goal = goal(changes, retain);
        return nextCoherent(goal.lastConfig(), goal.learners());
    }

    /** Readable form: {1,2} for uniform, [{1},{1,2}] for joint, then " learners {4}" if any. */
    @Override
    public String toString() {
        List<String> sets = new ArrayList<>();
        for (SortedSet<Integer> config : configs) {
            sets.add(braces(config));
        }
        String voters = isJoint() ? "[" + String.join(",", sets) + "]" : sets.get(0);
        return learners.isEmpty() ? voters : voters + " learners " + braces(learners);
    }

    private static String braces(Set<Integer> nodes) {
        StringBuilder text = new StringBuilder("{");
        for (Integer node : nodes) {
            text.append(text.length() > 1 ? "," : "").append(node);
        }
        return text.append('}').toString();
    }

    static SortedSet<Integer> frozen(Collection<Integer> nodes, String where) {
        TreeSet<Integer> copy = new TreeSet<>();
        for (Integer node : nodes) {
            if (node == null || node < 1) {
                throw new MembershipException(Problem.INVALID_ID,
                        "node id " + node + " in " + where + " is not a positive int");
            }
            copy.add(node);
        }
        return Collections.unmodifiableSortedSet(copy);
    }
}
