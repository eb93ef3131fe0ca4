package org.jointraft.trace;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.jointraft.core.CallEvent;
import org.jointraft.core.CallStep;
import org.jointraft.core.Entry;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipChange;
import org.jointraft.core.Message;
import org.jointraft.core.NodeState;
import org.jointraft.core.Step;
import org.jointraft.core.StepObserver;

/**
 * The bridge from the impl to the trace: turns every {@link Step} (with its post-state) and every
 * {@link CallEvent} into a trace event and hands it to a sink, counting them (the count is the seq a
 * writer gives the last event). The simulator reports its
 * network faults with {@link #onDrop} and {@link #onDuplicate}, a crash with {@link #onCrash}. One observer counts one trace, so all
 * nodes of a simulated cluster share it. Not thread-safe.
 *
 * <pre>{@code
 * try (TraceWriter writer = TraceWriter.open(path)) {
 *     writer.writeHeader(header);
 *     TraceObserver observer = new TraceObserver(writer);
 *     // give observer to every RaftNode; call observer.onDrop(m) when the network loses m
 * }
 * }</pre>
 */
public final class TraceObserver implements StepObserver {

    private final TraceSink sink;
    private long lastSeq;

    public TraceObserver(TraceSink sink) {
        this.sink = sink;
    }

    /** How many events went to the sink: the seq a writer gives the last of them (0 before the first). */
    public long lastSeq() {
        return lastSeq;
    }

    @Override
    public void onStep(int node, Step step, NodeState post) {
        lastSeq++;
        sink.accept(toEvent(node, step, toState(post)));
    }

    @Override
    public void onCall(int node, CallEvent event) {
        lastSeq++;
        sink.accept(toEvent(node, event));
    }

    /** The network lost one copy of {@code msg}. */
    public void onDrop(Message msg) {
        lastSeq++;
        sink.accept(new TraceEvent.DropMessage(toMessage(msg)));
    }

    /** Node {@code node} crashed: it takes no step until its restart. */
    public void onCrash(int node) {
        lastSeq++;
        sink.accept(new TraceEvent.Crash(node));
    }

    /** The network added one copy of {@code msg}. */
    public void onDuplicate(Message msg) {
        lastSeq++;
        sink.accept(new TraceEvent.DuplicateMessage(toMessage(msg)));
    }

    // ---- conversions (static: they depend on nothing but their arguments)

    static TraceEvent toEvent(int node, Step step, TraceState s) {
        if (step instanceof Step.Timeout) {
            return new TraceEvent.Timeout(node, s);
        } else if (step instanceof Step.SendRequestVote x) {
            return new TraceEvent.SendRequestVote(node, toRequestVote(x.msg()), s);
        } else if (step instanceof Step.HandleRequestVote x) {
            return new TraceEvent.HandleRequestVote(node, toRequestVote(x.msg()), toRequestVoteResponse(x.reply()), s);
        } else if (step instanceof Step.IgnoreRequestVote x) {
            return new TraceEvent.IgnoreRequestVote(node, toRequestVote(x.msg()), s);
        } else if (step instanceof Step.HandleRequestVoteResponse x) {
            return new TraceEvent.HandleRequestVoteResponse(node, toRequestVoteResponse(x.msg()), s);
        } else if (step instanceof Step.BecomeLeader x) {
            return new TraceEvent.BecomeLeader(node, toEntry(x.entry()), x.index(), s);
        } else if (step instanceof Step.ClientRequest x) {
            return new TraceEvent.ClientRequest(node, toEntry(x.entry()), x.index(), s);
        } else if (step instanceof Step.ProposeMembership x) {
            return new TraceEvent.ProposeMembership(node, toEntry(x.entry()), x.index(), callOf(x.cause()),
                    stepOf(x.cause()), s);
        } else if (step instanceof Step.ProposeMembershipRejected x) {
            return new TraceEvent.ProposeMembershipRejected(node,
                    x.reason(), toMembership(x.target()), callOf(x.cause()), stepOf(x.cause()), s);
        } else if (step instanceof Step.SendAppendEntries x) {
            return new TraceEvent.SendAppendEntries(node, toAppendEntries(x.msg()), s);
        } else if (step instanceof Step.HandleAppendEntries x) {
            return new TraceEvent.HandleAppendEntries(
                    node, toAppendEntries(x.msg()), toAppendEntriesResponse(x.reply()), s);
        } else if (step instanceof Step.HandleAppendEntriesResponse x) {
            return new TraceEvent.HandleAppendEntriesResponse(node, toAppendEntriesResponse(x.msg()),
                    x.matchIndex() > 0 ? x.matchIndex() : null, s);
        } else if (step instanceof Step.AdvanceCommitIndex x) {
            return new TraceEvent.AdvanceCommitIndex(node, x.commitIndex(), s);
        } else if (step instanceof Step.StepDown) {
            return new TraceEvent.StepDown(node, s);
        } else if (step instanceof Step.Restart) {
            return new TraceEvent.Restart(node, s);
        } else if (step instanceof Step.TakeSnapshot x) {
            return new TraceEvent.TakeSnapshot(node, x.index(), s);
        } else if (step instanceof Step.SendInstallSnapshot x) {
            return new TraceEvent.SendInstallSnapshot(node, toInstallSnapshot(x.msg()), s);
        } else if (step instanceof Step.HandleInstallSnapshot x) {
            return new TraceEvent.HandleInstallSnapshot(node, toInstallSnapshot(x.msg()),
                    toAppendEntriesResponse(x.reply()), s);
        }
        throw new IllegalArgumentException("no trace event for step " + step);
    }

    private static Long callOf(CallStep cause) {
        return cause == null ? null : cause.call();
    }

    private static Integer stepOf(CallStep cause) {
        return cause == null ? null : cause.step();
    }

    static TraceEvent toEvent(int node, CallEvent event) {
        if (event instanceof CallEvent.Start start) {
            List<TraceChange> changes = new ArrayList<>(start.changes().size());
            for (MembershipChange c : start.changes()) {
                changes.add(toChange(c));
            }
            return new TraceEvent.CallStart(node, start.call(), start.operation(), changes, start.retain(),
                    start.expectedIndex(), start.target() == null ? null : toMembership(start.target()));
        }
        CallEvent.End end = (CallEvent.End) event;
        return new TraceEvent.CallEnd(node, end.call(), end.ok(),
                end.membership() == null ? null : toMembership(end.membership()), end.error());
    }

    static TraceState toState(NodeState p) {
        return new TraceState(p.term(), p.votedFor(), p.role(), p.commitIndex(),
                p.lastLogIndex(), p.lastLogTerm(), toMembership(p.membership()), p.membershipIndex(),
                p.snapshotIndex());
    }

    /** The trace form of an impl message. */
    public static TraceMessage toMessage(Message m) {
        if (m instanceof Message.RequestVote x) {
            return toRequestVote(x);
        } else if (m instanceof Message.RequestVoteResponse x) {
            return toRequestVoteResponse(x);
        } else if (m instanceof Message.AppendEntries x) {
            return toAppendEntries(x);
        } else if (m instanceof Message.InstallSnapshot x) {
            return toInstallSnapshot(x);
        }
        return toAppendEntriesResponse((Message.AppendEntriesResponse) m);
    }

    /** The trace form of an impl membership (the impl keeps sets sorted, so the lists come out sorted). */
    public static TraceMembership toMembership(Membership m) {
        List<List<Integer>> configs = new ArrayList<>(m.configs().size());
        for (SortedSet<Integer> config : m.configs()) {
            configs.add(List.copyOf(config));
        }
        return new TraceMembership(configs, List.copyOf(m.learners()));
    }

    static TraceEntry toEntry(Entry e) {
        return new TraceEntry(e.term(), e.kind(), e.membership() == null ? null : toMembership(e.membership()));
    }

    private static TraceChange toChange(MembershipChange c) {
        return new TraceChange(TraceChange.Type.valueOf(c.getClass().getSimpleName()), List.copyOf(c.nodes()));
    }

    private static TraceMessage.RequestVote toRequestVote(Message.RequestVote m) {
        return new TraceMessage.RequestVote(m.term(), m.source(), m.dest(), m.lastLogIndex(), m.lastLogTerm());
    }

    private static TraceMessage.RequestVoteResponse toRequestVoteResponse(Message.RequestVoteResponse m) {
        return new TraceMessage.RequestVoteResponse(m.term(), m.source(), m.dest(), m.granted());
    }

    private static TraceMessage.AppendEntries toAppendEntries(Message.AppendEntries m) {
        List<TraceEntry> entries = new ArrayList<>(m.entries().size());
        for (Entry e : m.entries()) {
            entries.add(toEntry(e));
        }
        return new TraceMessage.AppendEntries(
                m.term(), m.source(), m.dest(), m.prevLogIndex(), m.prevLogTerm(), entries, m.commitIndex());
    }

    /** The snapshot's data stays out of the trace: the spec has no state machine. */
    private static TraceMessage.InstallSnapshot toInstallSnapshot(Message.InstallSnapshot m) {
        return new TraceMessage.InstallSnapshot(m.term(), m.source(), m.dest(), m.lastIndex(), m.lastTerm(),
                m.memIndex(), toMembership(m.membership()));
    }

    private static TraceMessage.AppendEntriesResponse toAppendEntriesResponse(Message.AppendEntriesResponse m) {
        return new TraceMessage.AppendEntriesResponse(m.term(), m.source(), m.dest(), m.success(), m.matchIndex());
    }
}
