package org.jointraft.trace;

import java.util.Arrays;
import java.util.List;

/**
 * A membership as the trace writes it: one (uniform) or two (joint) voter sets and a learner set, every
 * set a list of node ids sorted ascending. Well-formedness is the reader's job (it reports the line and
 * field); this record only makes the lists immutable, so a rejected proposal can still carry an invalid
 * target.
 */
public record TraceMembership(List<List<Integer>> configs, List<Integer> learners) {

    public TraceMembership {
        configs = configs.stream().map(List::copyOf).toList();
        learners = List.copyOf(learners);
    }

    /** A uniform membership of {@code voters} without learners. */
    public static TraceMembership uniform(Integer... voters) {
        return new TraceMembership(List.of(Arrays.asList(voters)), List.of());
    }

    /** A joint membership {@code [old, new]} without learners. */
    public static TraceMembership joint(List<Integer> oldVoters, List<Integer> newVoters) {
        return new TraceMembership(List.of(oldVoters, newVoters), List.of());
    }

    /** This membership with {@code learners} as its learner set. */
    public TraceMembership withLearners(Integer... learnerIds) {
        return new TraceMembership(configs, Arrays.asList(learnerIds));
    }
}
