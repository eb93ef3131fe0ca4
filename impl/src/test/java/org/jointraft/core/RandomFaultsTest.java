package org.jointraft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random runs with reordering, loss, duplication, restarts, client writes and concurrent membership calls.
 * Election safety and state machine safety are checked on every step (RecordingObserver, Cluster); log matching and
 * membership coherence at the end.
 */
class RandomFaultsTest {

    private static final int NODES = 5;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void safetyHoldsUnderRandomFaultsAndConcurrentMembershipCalls(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Cluster c = new Cluster(Membership.of(1, 2, 3), 4, 5);
        List<MembershipCall> calls = new ArrayList<>();
        List<Integer> callNodes = new ArrayList<>();
        int finishedOk = 0;
        for (int step = 0; step < 4000; step++) {
            int action = random.nextInt(100);
            int node = 1 + random.nextInt(NODES);
            int messages = c.inFlight.size();
            if (action < 30) {
                c.tick(node);
            } else if (action < 75) {
                if (messages > 0) {
                    c.deliver(random.nextInt(messages));
                }
            } else if (action < 79) {
                if (messages > 0) {
                    c.inFlight.remove(random.nextInt(messages));
                }
            } else if (action < 83) {
                if (messages > 0) {
                    c.inFlight.add(c.inFlight.get(random.nextInt(messages)));
                }
            } else if (action < 84) {
                c.handle(node, c.node(node).restart());
            } else if (action < 95) {
                RaftNode leader = c.leader();
                if (leader != null && action < 92) {
                    c.handle(leader.id(), leader.propose("s" + step).ready());
                } else if (leader != null && calls.size() < 2) {
                    calls.add(MembershipCall.changeMembership(step, List.of(randomChange(random)),
                            random.nextBoolean()));
                    callNodes.add(leader.id());
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
        for (RaftNode a : c.nodes.values()) {
            assertMembershipEntriesCoherent(a);
            for (RaftNode b : c.nodes.values()) {
                assertLogMatching(a, b);
            }
        }
        assertThat(c.observer.leadersElected()).as("leaders elected").isPositive();
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
