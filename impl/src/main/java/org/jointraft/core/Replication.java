package org.jointraft.core;

import java.util.HashMap;
import java.util.Map;

import org.jointraft.core.Message.AppendEntries;

/**
 * A leader's view of each follower's log (Figure 2, "Volatile state on leaders"): matchIndex, the highest index
 * known replicated, and nextIndex, the next entry to send. The leader's actions stay in {@link RaftNode}; this only
 * keeps the bookkeeping, including when a follower must get the snapshot instead of entries.
 */
final class Replication {

    private final Map<Integer, Long> matchIndex = new HashMap<>();
    private final Map<Integer, Long> nextIndex = new HashMap<>();

    void clear() {
        matchIndex.clear();
        nextIndex.clear();
    }

    /** A new leader: nothing known replicated, and every member is sent entries from {@code next}. */
    void start(Iterable<Integer> members, long next) {
        clear();
        for (int member : members) {
            nextIndex.put(member, next);
        }
    }

    long match(int peer) {
        return matchIndex.getOrDefault(peer, 0L);
    }

    /** The index of the first entry the peer is sent next, at most {@code log.lastIndex() + 1}. */
    long next(int peer, RaftLog log) {
        return Math.min(nextIndexOf(peer, log), log.lastIndex() + 1);
    }

    /** The entry before nextIndex was compacted: AppendEntries cannot name it, so the peer needs the snapshot. */
    boolean needsSnapshot(int peer, RaftLog log) {
        return next(peer, log) - 1 < log.snapshotIndex();
    }

    /** The AppendEntries for {@code peer}: entries from its nextIndex, at most {@code max} (none: a heartbeat). */
    AppendEntries appendEntries(long term, int leader, int peer, RaftLog log, long commitIndex, int max) {
        long prev = next(peer, log) - 1;
        long last = Math.min(log.lastIndex(), prev + max);
        return new AppendEntries(term, leader, peer, prev, log.termAt(prev), log.slice(prev + 1, last), commitIndex);
    }

    /** A success reply (to AppendEntries or InstallSnapshot); true when matchIndex grew. */
    boolean succeeded(int peer, long replyMatch, RaftLog log) {
        boolean progressed = replyMatch > match(peer);
        if (progressed) {
            matchIndex.put(peer, replyMatch);
        }
        nextIndex.put(peer, Math.max(nextIndexOf(peer, log), replyMatch + 1));
        return progressed;
    }

    /** A refusal: back off by one, or straight to the follower's hint (its log length) when that is lower. */
    void refused(int peer, long hint, RaftLog log) {
        nextIndex.put(peer, Math.max(1, Math.min(nextIndexOf(peer, log) - 1, hint + 1)));
    }

    private long nextIndexOf(int peer, RaftLog log) {
        return nextIndex.getOrDefault(peer, log.lastIndex() + 1);
    }
}
