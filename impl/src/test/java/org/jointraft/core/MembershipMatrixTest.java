package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jointraft.cluster.VirtualCluster;
import org.jointraft.core.Message.AppendEntries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OpenRaft's change_membership matrix, with node n of OpenRaft's tests as node n + 1 here (ids start at 1): after
 * the call, the new voters carry on alone. The steps of each case and the entries a call appends are golden files
 * (testdata/membership/steps.txt, testdata/membership-call/replace-all.txt).
 */
class MembershipMatrixTest {

    private final RecordingObserver observer = new RecordingObserver();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "1         | 2 3",
            "1         | 2 3 4",
            "1 2       | 2 3",
            "1 2       | 2",
            "1 2       | 3",
            "1 2 3     | 5",
            "1 2 3     | 5 6 7",
            "1 2 3 4 5 | 1 2 3 4"})
    void afterReplacingAllVotersTheNewVotersElectALeaderAndCommitWithoutTheRemovedOnes(String from, String to) {
        Set<Integer> old = ids(from);
        Set<Integer> goal = ids(to);
        Set<Integer> added = new TreeSet<>(goal);
        added.removeAll(old);
        Set<Integer> removed = new TreeSet<>(old);
        removed.removeAll(goal);
        VirtualCluster c = observer.cluster(Membership.uniform(old), Math.max(Collections.max(old), Collections.max(goal)));
        int first = old.iterator().next();
        c.elect(first);
        assertThat(c.node(first).role()).isEqualTo(Role.LEADER);

        CallOutcome outcome = c.drive(c.changeMembership(first, List.of(new MembershipChange.ReplaceAllVoters(goal)),
                false), 100);

        assertThat(outcome.ok()).as("outcome %s", outcome).isTrue();
        assertThat(outcome.membership()).isEqualTo(Membership.uniform(goal));

        // removed nodes are shut down, as an operator would; the new voters elect a leader and commit on their own
        int deliveredBefore = observer.delivered.size();
        removed.forEach(id -> c.crash(id, -1));
        c.await("a leader among " + goal, () -> c.leader() != 0 && goal.contains(c.leader())
                && c.node(c.leader()).commitIndex() == c.node(c.leader()).lastLogIndex(), 200);
        RaftNode leader = c.node(c.leader());
        c.propose(leader.id(), "after");
        c.await("every new voter commits the entry after the change",
                () -> goal.stream().allMatch(n -> c.node(n).commitIndex() == leader.lastLogIndex()), 50);
        for (int n : goal) {
            assertThat(c.node(n).committedMembership()).isEqualTo(Membership.uniform(goal));
        }
        assertThat(observer.delivered.subList(deliveredBefore, observer.delivered.size()))
                .noneMatch(m -> m instanceof AppendEntries && removed.contains(m.dest()));
    }

    private static Set<Integer> ids(String text) {
        return Arrays.stream(text.trim().split(" +")).map(Integer::parseInt)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
