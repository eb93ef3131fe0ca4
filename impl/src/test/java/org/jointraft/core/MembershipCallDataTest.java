package org.jointraft.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jointraft.datadriven.Command;
import org.jointraft.datadriven.DataDriven;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@link MembershipCall}'s phases as golden files, one test per file of
 * {@code src/test/resources/testdata/membership-call} (format: {@link DataDriven}; {@code mvn test -pl impl
 * -Dtest=MembershipCallDataTest -Drewrite=true} regenerates the outputs). The calls run against one real
 * {@link RaftNode}, node 1; the file plays the other nodes by handing node 1 their answers. Each command prints what
 * node 1 reported meanwhile: call starts and ends, membership proposals and refusals, leadership, commits and step-downs.
 * Commands (memberships and changes as {@link MembershipText} reads them):
 * <ul>
 * <li>{@code leader M}: node 1 starts with bootstrap M, times out and gets the vote of every other voter of M</li>
 * <li>{@code follower M}: node 1 starts with bootstrap M and stays a follower</li>
 * <li>{@code elect}: node 1 times out again and gets the vote of every other voter</li>
 * <li>{@code ack N...}: nodes N report their logs equal to node 1's (AppendEntries succeeded up to its last index)</li>
 * <li>{@code higher-term}: a voter answers with a higher term, so node 1 steps down to follower</li>
 * <li>{@code restart}: node 1 restarts (same term, follower)</li>
 * <li>{@code call NAME change CHANGES [retain]}, {@code call NAME change-if index=I CHANGES [retain]},
 * {@code call NAME propose M}: a new call, in phase NEW (it does nothing before its first poll)</li>
 * <li>{@code poll NAME [hold]}: polls the call ({@code hold}: {@code pollUntilBetweenSteps}); prints its phase
 * after, and its outcome once done</li>
 * <li>{@code log}: node 1's log</li>
 * </ul>
 */
class MembershipCallDataTest {

    @TestFactory
    Stream<DynamicTest> membershipCallPhases() {
        return DataDriven.tests(Path.of("src/test/resources/testdata/membership-call"), () -> new Node()::run);
    }

    /** The state of one file: node 1, its calls, and what it reported since the last command. */
    private static final class Node implements StepObserver {
        private static final int ID = 1;
        private RaftNode node;
        private final Map<String, MembershipCall> calls = new LinkedHashMap<>();
        private final List<String> reported = new ArrayList<>();

        String run(Command c) {
            reported.clear();
            String result = switch (c.name()) {
                case "leader" -> {
                    start(c);
                    yield elect();
                }
                case "elect" -> elect();
                case "follower" -> {
                    start(c);
                    yield "";
                }
                case "ack" -> {
                    for (Command.Arg a : c.args()) {
                        node.receive(new Message.AppendEntriesResponse(node.currentTerm(), Integer.parseInt(a.key()),
                                ID, true, node.lastLogIndex()));
                    }
                    yield "";
                }
                case "higher-term" -> {
                    int other = node.effectiveMembership().voters().stream().filter(v -> v != ID).findFirst()
                            .orElseThrow(() -> c.problem("node 1 is the only voter"));
                    node.receive(new Message.RequestVoteResponse(node.currentTerm() + 1, other, ID, false));
                    yield "";
                }
                case "restart" -> {
                    node.restart();
                    yield "";
                }
                case "call" -> {
                    MembershipCall call = newCall(c);
                    calls.put(c.positional(0), call);
                    yield "phase " + call.phase();
                }
                case "poll" -> poll(c);
                case "log" -> log();
                default -> throw c.problem("unknown command");
            };
            return String.join("\n", reported) + (reported.isEmpty() || result.isEmpty() ? "" : "\n") + result;
        }

        /** Node 1 times out and gets the vote of every other voter. */
        private String elect() {
            while (node.role() == Role.FOLLOWER) {
                node.tick();
            }
            for (int voter : node.effectiveMembership().voters()) {
                if (voter != ID && node.role() == Role.CANDIDATE) {
                    node.receive(new Message.RequestVoteResponse(node.currentTerm(), voter, ID, true));
                }
            }
            return "";
        }

        private void start(Command c) {
            node = new RaftNode(NodeConfig.of(ID, MembershipText.membership(c.positional(0)), 1), this);
            calls.clear();
        }

        private MembershipCall newCall(Command c) {
            long id = calls.size() + 1;
            return switch (c.positional(1)) {
                case "change" -> MembershipCall.changeMembership(id, MembershipText.changes(c), c.has("retain"));
                case "change-if" -> MembershipCall.changeMembershipIf(id, Long.parseLong(c.arg("index")),
                        MembershipText.changes(c), c.has("retain"));
                case "propose" -> MembershipCall.proposeMembership(id, MembershipText.membership(c.positional(2)));
                default -> throw c.problem("expected change, change-if or propose, got " + c.positional(1));
            };
        }

        private String poll(Command c) {
            MembershipCall call = calls.get(c.positional(0));
            if (call == null) {
                throw c.problem("no call named " + c.positional(0));
            }
            if (c.has("hold")) {
                call.pollUntilBetweenSteps(node);
            } else {
                call.poll(node);
            }
            String phase = "phase " + call.phase();
            CallOutcome o = call.outcome();
            if (o == null) {
                return phase;
            }
            return phase + "\noutcome " + (o.ok() ? "ok " + o.membership()
                    : o.error().traceName() + " (leader hint " + o.leaderHint() + "): " + o.detail());
        }

        private String log() {
            StringBuilder out = new StringBuilder();
            for (long i = 1; i <= node.lastLogIndex(); i++) {
                Entry e = node.entry(i);
                out.append(i).append(" term ").append(e.term()).append(' ').append(e.kind().name().toLowerCase(java.util.Locale.ROOT))
                        .append(e.membership() == null ? "" : " " + e.membership())
                        .append(i <= node.commitIndex() ? "" : " (not committed)").append('\n');
            }
            return out.toString();
        }

        private static String by(CallStep cause) {
            return cause == null ? "" : " (call " + cause.call() + " step " + cause.step() + ")";
        }

        @Override
        public void onStep(int id, Step step, NodeState post) {
            if (step instanceof Step.BecomeLeader s) {
                reported.add("leader of term " + post.term() + ", blank entry at " + s.index());
            } else if (step instanceof Step.ProposeMembership s) {
                reported.add("propose " + s.entry().membership() + " at " + s.index() + by(s.cause()));
            } else if (step instanceof Step.ProposeMembershipRejected s) {
                reported.add("refused " + s.reason().traceName() + ": " + s.target() + by(s.cause()));
            } else if (step instanceof Step.AdvanceCommitIndex s) {
                reported.add("commit " + s.commitIndex());
            } else if (step instanceof Step.StepDown) {
                reported.add("step down");
            } else if (step instanceof Step.HandleRequestVoteResponse && post.role() == Role.FOLLOWER) {
                reported.add("follower of term " + post.term());
            }
        }

        @Override
        public void onCall(int id, CallEvent event) {
            if (event instanceof CallEvent.Start s) {
                reported.add("call " + s.call() + " starts " + s.operation().traceName() + (s.target() != null ? " " + s.target()
                        : " " + MembershipText.format(s.changes()) + (s.retain() ? " retain" : ""))
                        + (s.expectedIndex() != null ? " if index " + s.expectedIndex() : ""));
            } else if (event instanceof CallEvent.End e) {
                reported.add("call " + e.call() + " ends " + (e.ok() ? "ok " + e.membership() : e.error()));
            }
        }
    }
}
