package org.jointraft.core;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.jointraft.core.MembershipException.Problem;

/** One change of a change_membership request; a request applies a list of them in order. */
public sealed interface MembershipChange {

    /** The nodes this change names. */
    Set<Integer> nodes();

    record AddVoters(Set<Integer> nodes) implements MembershipChange {
        public AddVoters {
            nodes = checked(nodes, "AddVoters");
        }
    }

    record RemoveVoters(Set<Integer> nodes) implements MembershipChange {
        public RemoveVoters {
            nodes = checked(nodes, "RemoveVoters");
        }
    }

    record ReplaceAllVoters(Set<Integer> nodes) implements MembershipChange {
        public ReplaceAllVoters {
            nodes = checked(nodes, "ReplaceAllVoters");
        }
    }

    record AddLearners(Set<Integer> nodes) implements MembershipChange {
        public AddLearners {
            nodes = checked(nodes, "AddLearners");
        }
    }

    record RemoveLearners(Set<Integer> nodes) implements MembershipChange {
        public RemoveLearners {
            nodes = checked(nodes, "RemoveLearners");
        }
    }

    static AddVoters addVoters(Integer... nodes) {
        return new AddVoters(new java.util.TreeSet<>(List.of(nodes)));
    }

    static RemoveVoters removeVoters(Integer... nodes) {
        return new RemoveVoters(new java.util.TreeSet<>(List.of(nodes)));
    }

    static ReplaceAllVoters replaceAllVoters(Integer... nodes) {
        return new ReplaceAllVoters(new java.util.TreeSet<>(List.of(nodes)));
    }

    static AddLearners addLearners(Integer... nodes) {
        return new AddLearners(new java.util.TreeSet<>(List.of(nodes)));
    }

    static RemoveLearners removeLearners(Integer... nodes) {
        return new RemoveLearners(new java.util.TreeSet<>(List.of(nodes)));
    }

    private static SortedSet<Integer> checked(Set<Integer> nodes, String change) {
        if (nodes == null || nodes.isEmpty()) {
            throw new MembershipException(Problem.EMPTY_CHANGE, change + " names no node");
        }
        return Membership.frozen(nodes, change);
    }

    /**
     * The uniform goal of applying {@code changes} in order to the last voter set of {@code current}. Removing an
     * absent voter or learner is a no-op, so step 2 of change_membership can apply the same changes again; adding or
     * removing as a learner a node that is a voter at that point of the list is an error (NODE_IS_VOTER).
     */
    // Spec: JointRaftClient.tla Goal
    static Membership applyAll(Membership current, List<MembershipChange> changes, boolean retain) {
        if (changes == null || changes.isEmpty()) {
            throw new MembershipException(Problem.EMPTY_CHANGE, "a membership change needs at least one change");
        }
        TreeSet<Integer> voters = new TreeSet<>(current.lastConfig());
        TreeSet<Integer> learners = new TreeSet<>(current.learners());
        TreeSet<Integer> dropped = new TreeSet<>();
        for (MembershipChange change : changes) {
            if (change instanceof AddVoters add) {
                voters.addAll(add.nodes());
                learners.removeAll(add.nodes());
                dropped.removeAll(add.nodes());
            } else if (change instanceof RemoveVoters remove) {
                voters.removeAll(remove.nodes());
            } else if (change instanceof ReplaceAllVoters replace) {
                voters.clear();
                voters.addAll(replace.nodes());
                learners.removeAll(replace.nodes());
                dropped.removeAll(replace.nodes());
            } else if (change instanceof AddLearners add) {
                for (Integer node : add.nodes()) {
                    if (voters.contains(node)) {
                        throw new MembershipException(Problem.NODE_IS_VOTER, "AddLearners names node " + node
                                + ", which is a voter; remove it as a voter with retain to demote it");
                    }
                }
                learners.addAll(add.nodes());
                dropped.removeAll(add.nodes());
            } else if (change instanceof RemoveLearners remove) {
                for (Integer node : remove.nodes()) {
                    if (voters.contains(node)) {
                        throw new MembershipException(Problem.NODE_IS_VOTER, "RemoveLearners names node " + node
                                + ", which is a voter; remove it as a voter (RemoveVoters) first");
                    }
                }
                learners.removeAll(remove.nodes());
                dropped.addAll(remove.nodes());
            }
        }
        if (voters.isEmpty()) {
            throw new MembershipException(Problem.REMOVES_EVERY_VOTER,
                    "the changes " + changes + " remove every voter of " + current);
        }
        if (retain) {
            learners.addAll(current.voters());
        }
        learners.removeAll(dropped);
        learners.removeAll(voters);
        return Membership.uniform(voters, learners);
    }
}
