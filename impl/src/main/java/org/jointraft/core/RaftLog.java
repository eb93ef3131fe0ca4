package org.jointraft.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A 1-based in-memory log behind a snapshot: it holds the entries after {@code snapshot.index()} and keeps the
 * indices of its member entries, so the effective membership is found in O(1) and a truncation reverts it. Without a
 * snapshot it holds {@link Snapshot#none}, so "no snapshot" is index 0 with the bootstrap membership
 * (docs/protocol-contract.md, "Snapshots and compaction").
 */
final class RaftLog {

    private final Membership bootstrap;
    private Snapshot snapshot;
    /** Entry {@code snapshot.index() + 1} first. */
    private final ArrayList<Entry> entries = new ArrayList<>();
    /** Absolute indices of the member entries in {@code entries}, ascending. */
    private final ArrayList<Long> memberIndices = new ArrayList<>();

    RaftLog(Membership bootstrap, List<Entry> initial) {
        this(bootstrap, null, initial);
    }

    /** A log behind {@code snapshot} (null: none) whose first entry in {@code initial} is snapshot index + 1. */
    RaftLog(Membership bootstrap, Snapshot snapshot, List<Entry> initial) {
        this.bootstrap = bootstrap;
        this.snapshot = snapshot == null ? Snapshot.none(bootstrap) : snapshot;
        for (Entry entry : initial) {
            append(entry);
        }
    }

    Snapshot snapshot() {
        return snapshot;
    }

    long snapshotIndex() {
        return snapshot.index();
    }

    long lastIndex() {
        return snapshot.index() + entries.size();
    }

    long lastTerm() {
        return termAt(lastIndex());
    }

    /** Term of entry {@code index}: the snapshot's term at its index (0 for index 0 without one); throws below it. */
    // Spec: JointRaft.tla TermAt
    long termAt(long index) {
        if (index == snapshot.index()) {
            return snapshot.term();
        }
        return entryAt(index).term();
    }

    Entry entryAt(long index) {
        if (index <= snapshot.index() || index > lastIndex()) {
            throw new IndexOutOfBoundsException("log index " + index + " is outside " + (snapshot.index() + 1) + ".."
                    + lastIndex() + (snapshot.index() > 0 ? " (compacted up to " + snapshot.index() + ")" : ""));
        }
        return entries.get(offset(index));
    }

    long append(Entry entry) {
        entries.add(entry);
        long index = lastIndex();
        if (entry.kind() == EntryKind.MEMBER) {
            memberIndices.add(index);
        }
        return index;
    }

    /** Drops entry {@code index} and every later one; the snapshot cannot be truncated. */
    void truncateFrom(long index) {
        if (index <= snapshot.index()) {
            throw new IndexOutOfBoundsException("cannot truncate the log from " + index + ": compacted up to "
                    + snapshot.index());
        }
        while (lastIndex() >= index) {
            entries.remove(entries.size() - 1);
        }
        while (!memberIndices.isEmpty() && memberIndices.get(memberIndices.size() - 1) >= index) {
            memberIndices.remove(memberIndices.size() - 1);
        }
    }

    /** Entries {@code from..to}, both inclusive, above the snapshot; from = to + 1 gives the empty list. */
    List<Entry> slice(long from, long to) {
        if (from > to) {
            return List.of();
        }
        entryAt(from);
        entryAt(to);
        return List.copyOf(entries.subList(offset(from), offset(to) + 1));
    }

    /** The entries after the snapshot, index {@code snapshotIndex() + 1} first. */
    List<Entry> all() {
        return List.copyOf(entries);
    }

    long effectiveIndex() {
        return memberIndices.isEmpty() ? snapshot.membershipIndex() : memberIndices.get(memberIndices.size() - 1);
    }

    Membership effective() {
        return membershipAt(effectiveIndex());
    }

    /**
     * Index of the last member entry in {@code snapshotIndex()+1..index}, else the snapshot's membership index (0
     * for the bootstrap membership); {@code index} must not be below the snapshot.
     */
    // Spec: JointRaft.tla LastMemberAtOrBelow
    long lastMemberAtOrBelow(long index) {
        if (index < snapshot.index()) {
            throw new IndexOutOfBoundsException("membership at or below " + index + ": compacted up to "
                    + snapshot.index());
        }
        for (int k = memberIndices.size() - 1; k >= 0; k--) {
            if (memberIndices.get(k) <= index) {
                return memberIndices.get(k);
            }
        }
        return snapshot.membershipIndex();
    }

    /**
     * Whether {@code id} is a voter of the last membership at or below {@code index} or of any member entry after
     * it: the memberships this node cannot yet rule out.
     */
    // Spec: JointRaft.tla VoterSince
    boolean voterSince(long index, int id) {
        for (int k = memberIndices.size() - 1; k >= 0; k--) {
            long memberIndex = memberIndices.get(k);
            if (entryAt(memberIndex).membership().isVoter(id)) {
                return true;
            }
            if (memberIndex <= index) {
                return false;
            }
        }
        return snapshot.membership().isVoter(id);
    }

    /**
     * The membership of member entry {@code memberIndex}: the snapshot's for its membership index, the bootstrap
     * membership for 0.
     */
    // Spec: JointRaft.tla MembershipAt
    Membership membershipAt(long memberIndex) {
        if (memberIndex == snapshot.membershipIndex()) {
            return snapshot.membership();
        }
        return memberIndex == 0 ? bootstrap : entryAt(memberIndex).membership();
    }

    /** Replaces the prefix up to {@code next.index()} (an entry of this log, of the snapshot's term) by the snapshot. */
    void compact(Snapshot next) {
        if (next.index() <= snapshot.index() || next.index() > lastIndex() || termAt(next.index()) != next.term()) {
            throw new IllegalArgumentException("cannot compact the log " + (snapshot.index() + 1) + ".." + lastIndex()
                    + " up to " + next);
        }
        dropThrough(next.index());
        snapshot = next;
    }

    /** Compacts the log up to {@code index} (an entry of this log) into a snapshot of {@code data}, and returns it. */
    Snapshot compact(long index, byte[] data) {
        long membershipIndex = lastMemberAtOrBelow(index);
        Snapshot next = new Snapshot(index, termAt(index), membershipIndex, membershipAt(membershipIndex), data);
        compact(next);
        return next;
    }

    /**
     * Installs a snapshot from the leader. The suffix above its index is kept only if this log reaches that index
     * with the snapshot's term (Log Matching then vouches for the suffix); otherwise the whole log is discarded, and
     * with it any newer member entry, so the effective membership reverts to the snapshot's.
     *
     * @return whether the suffix was kept
     */
    boolean installSnapshot(Snapshot next) {
        if (next.index() <= snapshot.index()) {
            throw new IllegalArgumentException("snapshot " + next + " is not above the one held, at index "
                    + snapshot.index());
        }
        boolean keep = next.index() <= lastIndex() && termAt(next.index()) == next.term();
        if (keep) {
            dropThrough(next.index());
        } else {
            entries.clear();
            memberIndices.clear();
        }
        snapshot = next;
        return keep;
    }

    private void dropThrough(long index) {
        entries.subList(0, (int) (index - snapshot.index())).clear();
        memberIndices.removeIf(k -> k <= index);
    }

    private int offset(long index) {
        return (int) (index - snapshot.index() - 1);
    }
}
