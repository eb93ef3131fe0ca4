package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.jointraft.cluster.VirtualCluster;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random runs with reordering, loss, duplication, restarts, client writes and concurrent membership calls.
 * Election safety and state machine safety are checked on every step (RecordingObserver); log matching and
 * membership coherence at the end.
 */
class RandomFaultsTest {

    private static final int NODES = 5;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void safetyHoldsUnderRandomFaultsAndConcurrentMembershipCalls(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RecordingObserver observer = new RecordingObserver();
        VirtualCluster c = observer.cluster(Membership.of(1, 2, 3), NODES);
        List<MembershipCall> calls = new ArrayList<>();
        List<Integer> callNodes = new ArrayList<>();
        int finishedOk = 0;
        for (int step = 0; step < 4000; step++) {
            int action = random.nextInt(100);
            int node = 1 + random.nextInt(NODES);
            int messages = c.inFlight().size();
            if (action < 30) {
                c.tick(node);
            } else if (action < 75) {
                if (messages > 0) {
                    c.deliver(random.nextInt(messages));
                }
            } else if (action < 79) {
                if (messages > 0) {
                    c.drop(random.nextInt(messages));
                }
            } else if (action < 83) {
                if (messages > 0) {
                    c.duplicate(random.nextInt(messages));
                }
            } else if (action < 84) {
                c.handle(node, c.node(node).restart());
            } else if (action < 95) {
                int leader = c.leader();
                if (leader != 0 && action < 92) {
                    c.propose(leader, "s" + step);
                } else if (leader != 0 && calls.size() < 2) {
                    calls.add(MembershipCall.changeMembership(step + 1, List.of(randomChange(random)),
                            random.nextBoolean()));
                    callNodes.add(leader);
                }
            }
            for (int k = calls.size() - 1; k >= 0; k--) {
                MembershipCall call = calls.get(k);
                c.handle(callNodes.get(k), call.poll(c.node(callNodes.get(k))));
                if (call.isDone()) {
                    finishedOk += call.outcome().ok() ? 1 : 0;
                    calls.remove(k);
                    callNodes.remove(k);
                }
            }
        }
        for (RaftNode a : c.nodes()) {
            assertMembershipEntriesCoherent(a);
            for (RaftNode b : c.nodes()) {
                assertLogMatching(a, b);
            }
        }
        assertThat(observer.leadersElected()).as("leaders elected").isPositive();
        assertThat(finishedOk).as("membership calls that succeeded").isPositive();
    }

    private static MembershipChange randomChange(SplittableRandom random) {
        Set<Integer> one = Set.of(1 + random.nextInt(NODES));
        return switch (random.nextInt(4)) {
            case 0 -> new MembershipChange.AddVoters(one);
            case 1 -> new MembershipChange.RemoveVoters(one);
            case 2 -> new MembershipChange.AddLearners(one);
            default -> new MembershipChange.ReplaceAllVoters(
                    new java.util.TreeSet<>(List.of(1 + random.nextInt(NODES), 1 + random.nextInt(NODES))));
        };
    }

    private static void assertMembershipEntriesCoherent(RaftNode node) {
        Membership previous = node.config().bootstrap();
        for (Entry entry : node.log()) {
            if (entry.kind() == EntryKind.MEMBER) {
                assertThat(entry.membership().isCoherentWith(previous))
                        .as("node %d: %s follows %s", node.id(), entry.membership(), previous).isTrue();
                previous = entry.membership();
            }
        }
    }

    private static void assertLogMatching(RaftNode a, RaftNode b) {
        long shorter = Math.min(a.lastLogIndex(), b.lastLogIndex());
        for (long i = shorter; i >= 1; i--) {
            if (a.termAt(i) == b.termAt(i)) {
                assertThat(a.log().subList(0, (int) i)).as("logs of %d and %d up to %d", a.id(), b.id(), i)
                        .isEqualTo(b.log().subList(0, (int) i));
                return;
            }
        }
    }
}
