package org.jointraft.core;

import java.util.ArrayList;
import java.util.List;

/** Accumulates the output of one input of a {@link RaftNode} and turns it into its {@link Ready}. */
final class Output {

    private final long term;
    private final int votedFor;
    private final long commitIndex;
    final List<Message> messages = new ArrayList<>();
    final List<Role> roles = new ArrayList<>();
    private long logChangedFrom = Long.MAX_VALUE;
    /** The snapshot taken or installed, if any. */
    Snapshot snapshot;

    /** The output of an input that starts from this term, vote and commit index. */
    Output(long term, int votedFor, long commitIndex) {
        this.term = term;
        this.votedFor = votedFor;
        this.commitIndex = commitIndex;
    }

    void logChangedAt(long index) {
        logChangedFrom = Math.min(logChangedFrom, index);
    }

    /** The node installed {@code installed}; when it discarded its log ({@code kept} false) the durable suffix goes too. */
    void installed(Snapshot installed, boolean kept) {
        snapshot = installed;
        if (!kept) {
            logChangedAt(installed.index() + 1);
        }
    }

    /** What the input produced, given the node's state after it. */
    Ready ready(RaftLog log, long currentTerm, int currentVote, long currentCommit) {
        long persistFrom = logChangedFrom == Long.MAX_VALUE ? 0 : logChangedFrom;
        List<Entry> persist = persistFrom == 0 ? List.of() : log.slice(persistFrom, log.lastIndex());
        // entries in a snapshot are applied by restoring it, never one by one
        long firstCommitted = Math.max(commitIndex, log.snapshotIndex()) + 1;
        if (firstCommitted > currentCommit) {
            firstCommitted = 0;
        }
        List<Entry> committed = firstCommitted == 0 ? List.of() : log.slice(firstCommitted, currentCommit);
        boolean hard = currentTerm != term || currentVote != votedFor;
        return new Ready(messages, hard, currentTerm, currentVote, persistFrom, persist, firstCommitted, committed,
                roles, snapshot);
    }
}
