package org.jointraft.core;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jointraft.core.Message.AppendEntries;
import org.jointraft.core.Message.AppendEntriesResponse;
import org.jointraft.core.Message.InstallSnapshot;
import org.jointraft.core.Message.RequestVote;
import org.jointraft.core.Message.RequestVoteResponse;
import org.jointraft.datadriven.Command;
import org.jointraft.datadriven.DataDriven;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One {@link RaftNode} driven input by input, as golden files: one test per file of
 * {@code src/test/resources/testdata/raft-node} (format: {@link DataDriven}; {@code -Drewrite=true} regenerates the
 * outputs). The file plays every other node. Each command prints what the node's {@link Ready} holds, in the order a
 * driver handles it, then the node's state:
 * <pre>
 * steps Timeout SendRequestVote        the steps reported to the observer
 * role Candidate                       role changes
 * persist term 1 vote 1                hard state to persist
 * persist log from 2: blank:1          durable log change
 * send RequestVote to 2 term 1 last 1/0
 * persist snapshot 4/1 {1,2}@1         a snapshot taken or installed (index/term, membership@its index)
 * commit from 2: blank:1               newly committed entries (from the Ready's first committed index)
 * state Candidate term 1 vote 1 commit 1 log 1/0 membership {1,2}@1 committed {1,2}@1 leader 0
 * </pre>
 * Entries are written {@code blank:TERM}, {@code normal:TERM:DATA} or {@code member:TERM:MEMBERSHIP} (quoted when
 * the membership has spaces). Commands ({@code term=} defaults to the node's current term):
 * <ul>
 * <li>{@code node ID M [timeout=MIN..MAX] [heartbeat=H] [max-append=N]}: a fresh node, bootstrap M, seed ID</li>
 * <li>{@code tick [n=N]}: up to N ticks (default 1), stopping after the first that produces output</li>
 * <li>{@code elect}: ticks until the node campaigns, then every other voter grants its vote (one merged output)</li>
 * <li>{@code vote-request from=S [term=T] last=INDEX/TERM}, {@code vote from=S [term=T] [granted]}</li>
 * <li>{@code append from=S [term=T] prev=INDEX/TERM commit=C ENTRY...}, {@code append-response from=S [term=T]
 * match=M [ok]}</li>
 * <li>{@code propose DATA}, {@code propose-membership M}: a client request or membership proposal, and the answer</li>
 * <li>{@code restart}: loses the volatile state; {@code recover}: a new node from this one's durable state</li>
 * <li>{@code snapshot INDEX}: the node compacts its log up to INDEX (data: the text {@code state@INDEX})</li>
 * <li>{@code install from=S [term=T] last=INDEX/TERM mem=MEMBERSHIP@INDEX}: an InstallSnapshot from S</li>
 * </ul>
 * The state line ends with {@code snapshot N} once the node holds a snapshot (N > 0).
 */
class RaftNodeDataTest {

    @TestFactory
    Stream<DynamicTest> raftNodeStories() {
        return DataDriven.tests(Path.of("src/test/resources/testdata/raft-node"), () -> new Driver()::run);
    }

    /** The node of one file and the steps it reported since the last command. */
    private static final class Driver implements StepObserver {
        private RaftNode node;
        private final List<String> steps = new ArrayList<>();

        String run(Command c) {
            steps.clear();
            if (node == null && !c.name().equals("node")) {
                throw c.problem("the first command must be node");
            }
            List<String> out = new ArrayList<>();
            Ready ready = switch (c.name()) {
                case "node" -> {
                    node = new RaftNode(config(c), this);
                    yield Ready.EMPTY;
                }
                case "tick" -> tick(c, out);
                case "elect" -> elect();
                case "vote-request" -> {
                    long[] last = pair(c, "last");
                    yield node.receive(new RequestVote(term(c), from(c), node.id(), last[0], last[1]));
                }
                case "vote" -> node.receive(new RequestVoteResponse(term(c), from(c), node.id(), c.has("granted")));
                case "append" -> {
                    long[] prev = pair(c, "prev");
                    yield node.receive(new AppendEntries(term(c), from(c), node.id(), prev[0], prev[1], entries(c),
                            Long.parseLong(c.arg("commit"))));
                }
                case "append-response" -> node.receive(new AppendEntriesResponse(term(c), from(c), node.id(),
                        c.has("ok"), Long.parseLong(c.arg("match"))));
                case "propose" -> answer(node.propose(c.positional(0)), out);
                case "propose-membership" -> answer(node.proposeMembership(MembershipText.membership(c.positional(0))),
                        out);
                case "restart" -> node.restart();
                case "recover" -> {
                    node = RaftNode.recover(node.config(), node.durableState(), this);
                    yield Ready.EMPTY;
                }
                case "snapshot" -> {
                    String index = c.positional(0);
                    yield node.takeSnapshot(Long.parseLong(index),
                            ("state@" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
                case "install" -> {
                    long[] last = pair(c, "last");
                    String[] mem = c.arg("mem").split("@");
                    yield node.receive(new InstallSnapshot(term(c), from(c), node.id(), last[0], last[1],
                            Long.parseLong(mem[1]), MembershipText.membership(mem[0]),
                            ("state@" + last[0]).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                }
                default -> throw c.problem("unknown command");
            };
            if (!steps.isEmpty()) {
                out.add("steps " + String.join(" ", steps));
            }
            print(ready, out);
            out.add(state());
            return String.join("\n", out);
        }

        private static NodeConfig config(Command c) {
            int id = Integer.parseInt(c.positional(0));
            String[] timeout = c.optional("timeout").orElse("10..20").split("\\.\\.");
            return new NodeConfig(id, MembershipText.membership(c.positional(1)), Integer.parseInt(timeout[0]),
                    Integer.parseInt(timeout[1]), Integer.parseInt(c.optional("heartbeat").orElse("3")),
                    Integer.parseInt(c.optional("max-append").orElse("64")), id);
        }

        private Ready tick(Command c, List<String> out) {
            int n = Integer.parseInt(c.optional("n").orElse("1"));
            for (int t = 1; t <= n; t++) {
                Ready ready = node.tick();
                if (!ready.isEmpty()) {
                    if (n > 1) {
                        out.add("after " + t + " ticks");
                    }
                    return ready;
                }
            }
            out.add(n + " ticks: nothing");
            return Ready.EMPTY;
        }

        private Ready elect() {
            Ready ready = Ready.EMPTY;
            while (node.role() == Role.FOLLOWER) {
                ready = ready.then(node.tick());
            }
            for (int voter : node.effectiveMembership().voters()) {
                if (voter != node.id() && node.role() == Role.CANDIDATE) {
                    ready = ready.then(node.receive(new RequestVoteResponse(node.currentTerm(), voter, node.id(), true)));
                }
            }
            return ready;
        }

        private static Ready answer(Proposal p, List<String> out) {
            out.add(p.accepted() ? "accepted at " + p.index() + " term " + p.term()
                    : "rejected " + p.rejected().traceName() + " (leader hint " + p.leaderHint() + ")");
            return p.ready();
        }

        private long term(Command c) {
            return c.optional("term").map(Long::parseLong).orElse(node.currentTerm());
        }

        private static int from(Command c) {
            return Integer.parseInt(c.arg("from"));
        }

        private static long[] pair(Command c, String key) {
            String[] parts = c.arg(key).split("/");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        }

        /** The bare arguments: entries as {@link #entry(Entry)} writes them. */
        private static List<Entry> entries(Command c) {
            List<Entry> entries = new ArrayList<>();
            for (Command.Arg a : c.args()) {
                if (a.bare()) {
                    String[] parts = a.key().split(":", 3);
                    long term = Long.parseLong(parts[1]);
                    entries.add(switch (parts[0]) {
                        case "blank" -> Entry.blank(term);
                        case "normal" -> Entry.normal(term, parts[2]);
                        case "member" -> Entry.member(term, MembershipText.membership(parts[2]));
                        default -> throw c.problem("unknown entry kind " + parts[0]);
                    });
                }
            }
            return entries;
        }

        private static String entry(Entry e) {
            return e.kind().traceName() + ":" + e.term() + switch (e.kind()) {
                case BLANK -> "";
                case NORMAL -> ":" + e.data();
                case MEMBER -> ":" + e.membership();
            };
        }

        private static String entries(List<Entry> entries) {
            return entries.stream().map(Driver::entry).collect(Collectors.joining(" "));
        }

        private static void print(Ready r, List<String> out) {
            if (!r.roleChanges().isEmpty()) {
                out.add("role " + r.roleChanges().stream().map(Role::traceName).collect(Collectors.joining(" ")));
            }
            if (r.hardStateChanged()) {
                out.add("persist term " + r.term() + " vote " + r.votedFor());
            }
            if (r.snapshot() != null) {
                Snapshot p = r.snapshot();
                out.add("persist snapshot " + p.index() + "/" + p.term() + " " + p.membership() + "@"
                        + p.membershipIndex());
            }
            if (r.persistLogFrom() != 0) {
                out.add("persist log from " + r.persistLogFrom() + ": "
                        + (r.persistEntries().isEmpty() ? "(no entries)" : entries(r.persistEntries())));
            }
            for (Message m : r.messages()) {
                out.add("send " + message(m));
            }
            if (r.firstCommittedIndex() != 0 || !r.committed().isEmpty()) {
                out.add("commit from " + r.firstCommittedIndex() + ": " + entries(r.committed()));
            }
        }

        private static String message(Message m) {
            String head = m.getClass().getSimpleName() + " to " + m.dest() + " term " + m.term();
            if (m instanceof RequestVote v) {
                return head + " last " + v.lastLogIndex() + "/" + v.lastLogTerm();
            }
            if (m instanceof RequestVoteResponse v) {
                return head + (v.granted() ? " granted" : " refused");
            }
            if (m instanceof AppendEntries a) {
                return head + " prev " + a.prevLogIndex() + "/" + a.prevLogTerm() + " entries [" + entries(a.entries())
                        + "] commit " + a.commitIndex();
            }
            if (m instanceof InstallSnapshot i) {
                return head + " last " + i.lastIndex() + "/" + i.lastTerm() + " membership " + i.membership() + "@"
                        + i.memIndex();
            }
            AppendEntriesResponse a = (AppendEntriesResponse) m;
            return head + (a.success() ? " ok" : " refused") + " match " + a.matchIndex();
        }

        /** The state line; a leader adds the match index of every other member. */
        private String state() {
            StringBuilder s = new StringBuilder("state ").append(node.role().traceName())
                    .append(" term ").append(node.currentTerm()).append(" vote ").append(node.votedFor())
                    .append(" commit ").append(node.commitIndex())
                    .append(" log ").append(node.lastLogIndex()).append('/').append(node.lastLogTerm())
                    .append(" membership ").append(node.effectiveMembership()).append('@')
                    .append(node.effectiveMembershipIndex())
                    .append(" committed ").append(node.committedMembership()).append('@')
                    .append(node.committedMembershipIndex())
                    .append(" leader ").append(node.leaderHint());
            String match = node.effectiveMembership().members().stream().filter(m -> m != node.id())
                    .map(m -> m + "=" + node.matchIndex(m)).collect(Collectors.joining(" "));
            if (node.role() == Role.LEADER && !match.isEmpty()) {
                s.append(" match ").append(match);
            }
            if (node.snapshotIndex() > 0) {
                s.append(" snapshot ").append(node.snapshotIndex());
            }
            return s.toString();
        }

        @Override
        public void onStep(int id, Step step, NodeState post) {
            steps.add(step.getClass().getSimpleName());
        }
    }
}
