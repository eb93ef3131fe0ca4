package org.jointraft.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A 1-based in-memory log that keeps the indices of its member entries, so the effective membership is found in
 * O(1) and a truncation reverts it.
 */
final class RaftLog {

    private final Membership bootstrap;
    private final ArrayList<Entry> entries = new ArrayList<>();
    private final ArrayList<Long> memberIndices = new ArrayList<>();

    RaftLog(Membership bootstrap, List<Entry> initial) {
        this.bootstrap = bootstrap;
        for (Entry entry : initial) {
            append(entry);
        }
    }

    long lastIndex() {
        return entries.size();
    }

    long lastTerm() {
        return termAt(lastIndex());
    }

    /** Term of entry {@code index}; 0 for index 0. */
    long termAt(long index) {
        return index == 0 ? 0 : entryAt(index).term();
    }

    Entry entryAt(long index) {
        if (index < 1 || index > entries.size()) {
            throw new IndexOutOfBoundsException("log index " + index + " is outside 1.." + entries.size());
        }
        return entries.get((int) (index - 1));
    }

    long append(Entry entry) {
        entries.add(entry);
        if (entry.kind() == EntryKind.MEMBER) {
            memberIndices.add((long) entries.size());
        }
        return entries.size();
    }

    /** Drops entry {@code index} and every later one. */
    void truncateFrom(long index) {
        while (entries.size() >= index) {
            entries.remove(entries.size() - 1);
        }
        while (!memberIndices.isEmpty() && memberIndices.get(memberIndices.size() - 1) >= index) {
            memberIndices.remove(memberIndices.size() - 1);
        }
    }

    /** Entries {@code from..to}, both inclusive; from = to + 1 gives the empty list. */
    List<Entry> slice(long from, long to) {
        return List.copyOf(entries.subList((int) (from - 1), (int) to));
    }

    List<Entry> all() {
        return List.copyOf(entries);
    }

    long effectiveIndex() {
        return memberIndices.isEmpty() ? 0 : memberIndices.get(memberIndices.size() - 1);
    }

    Membership effective() {
        return membershipAt(effectiveIndex());
    }

    /** Index of the last member entry at or below {@code index}; 0 when there is none. */
    // Spec: JointRaft.tla LastMemberAtOrBelow
    long lastMemberAtOrBelow(long index) {
        for (int k = memberIndices.size() - 1; k >= 0; k--) {
            if (memberIndices.get(k) <= index) {
                return memberIndices.get(k);
            }
        }
        return 0;
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
        return bootstrap.isVoter(id);
    }

    /** The membership of member entry {@code memberIndex}, or the bootstrap membership for 0. */
    Membership membershipAt(long memberIndex) {
        return memberIndex == 0 ? bootstrap : entryAt(memberIndex).membership();
    }
}
