package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jointraft.core.Message.AppendEntries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * OpenRaft's change_membership matrix, with node n of OpenRaft's tests as node n + 1 here (ids start at 1): after
 * the call, the new voters carry on alone. The steps of each case and the entries a call appends are golden files
 * (testdata/membership/steps.txt, testdata/membership-call/replace-all.txt).
 */
class MembershipMatrixTest {

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
        Cluster c = new Cluster(Membership.uniform(old), added.stream().mapToInt(Integer::intValue).toArray());
        int first = old.iterator().next();
        c.elect(first);
        assertThat(c.node(first).role()).isEqualTo(Role.LEADER);

        MembershipCall call = MembershipCall.changeMembership(1,
                List.of(new MembershipChange.ReplaceAllVoters(goal)), false);
        CallOutcome outcome = c.drive(call, first, 100);

        assertThat(outcome.ok()).as("outcome %s", outcome).isTrue();
        assertThat(outcome.membership()).isEqualTo(Membership.uniform(goal));

        // removed nodes are shut down, as an operator would; the new voters elect a leader and commit on their own
        int deliveredBefore = c.delivered.size();
        c.isolated.addAll(removed);
        c.runUntil(() -> c.leader() != null && goal.contains(c.leader().id())
                && c.leader().commitIndex() == c.leader().lastLogIndex(), 200, "a leader among " + goal);
        RaftNode leader = c.leader();
        c.handle(leader.id(), leader.propose("after").ready());
        c.runUntil(() -> goal.stream().allMatch(n -> c.node(n).commitIndex() == leader.lastLogIndex()), 50,
                "every new voter commits the entry after the change");
        for (int n : goal) {
            assertThat(c.node(n).committedMembership()).isEqualTo(Membership.uniform(goal));
        }
        assertThat(c.delivered.subList(deliveredBefore, c.delivered.size()))
                .noneMatch(m -> m instanceof AppendEntries && removed.contains(m.dest()));
    }

    private static Set<Integer> ids(String text) {
        return Arrays.stream(text.trim().split(" +")).map(Integer::parseInt)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
