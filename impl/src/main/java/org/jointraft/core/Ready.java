package org.jointraft.core;

import java.util.ArrayList;
import java.util.List;

/**
 * What one input produced, to be handled in this order: persist the hard state, the snapshot and the log change, then
 * send {@code messages}, then apply: restore {@code snapshot} if it is newer than the state machine, then apply
 * {@code committed}.
 *
 * @param hardStateChanged whether {@code term}/{@code votedFor} must be persisted
 * @param persistLogFrom 0 when the log did not change; otherwise drop every durable entry at or after this index
 *        and append {@code persistEntries} there (an install that discarded the log sets it to the snapshot index + 1
 *        with no entries)
 * @param firstCommittedIndex the log index of {@code committed.get(0)} (0 when nothing was committed)
 * @param committed entries newly known committed, in index order, never at or below {@code snapshot}'s index; after a
 *        restart the commit index starts at the snapshot index again, so entries above it are reported once more as
 *        they are re-learnt committed
 * @param roleChanges every role the node took, in order
 * @param snapshot null, or the snapshot this input took or installed: persisted before the log change, it drops
 *        every durable entry at or below its index (persistLogFrom, when set, is above that index)
 */
public record Ready(List<Message> messages, boolean hardStateChanged, long term, int votedFor, long persistLogFrom,
        List<Entry> persistEntries, long firstCommittedIndex, List<Entry> committed, List<Role> roleChanges,
        Snapshot snapshot) {

    /** An output that took or installed no snapshot. */
    public Ready(List<Message> messages, boolean hardStateChanged, long term, int votedFor, long persistLogFrom,
            List<Entry> persistEntries, long firstCommittedIndex, List<Entry> committed, List<Role> roleChanges) {
        this(messages, hardStateChanged, term, votedFor, persistLogFrom, persistEntries, firstCommittedIndex,
                committed, roleChanges, null);
    }

    public Ready {
        messages = List.copyOf(messages);
        persistEntries = List.copyOf(persistEntries);
        committed = List.copyOf(committed);
        roleChanges = List.copyOf(roleChanges);
    }

    /** An output with nothing in it (term and vote unknown: 0). */
    public static final Ready EMPTY = new Ready(List.of(), false, 0, 0, 0, List.of(), 0, List.of(), List.of());

    public boolean isEmpty() {
        return messages.isEmpty() && !hardStateChanged && persistLogFrom == 0 && committed.isEmpty()
                && roleChanges.isEmpty() && snapshot == null;
    }

    /** This output followed by {@code next} of the same node, as if both were one. */
    public Ready then(Ready next) {
        if (isEmpty()) {
            return next;
        }
        if (next.isEmpty()) {
            return this;
        }
        List<Message> allMessages = new ArrayList<>(messages);
        allMessages.addAll(next.messages);
        long from = persistLogFrom;
        List<Entry> entries = new ArrayList<>(persistEntries);
        if (next.persistLogFrom != 0) {
            if (from == 0 || next.persistLogFrom <= from) {
                from = next.persistLogFrom;
                entries = new ArrayList<>(next.persistEntries);
            } else {
                int keep = (int) Math.min(entries.size(), next.persistLogFrom - from);
                entries = new ArrayList<>(entries.subList(0, keep));
                entries.addAll(next.persistEntries);
            }
        }
        long firstCommitted = firstCommittedIndex;
        List<Entry> allCommitted = new ArrayList<>(committed);
        if (!next.committed.isEmpty()) {
            if (firstCommitted == 0 || next.firstCommittedIndex != firstCommitted + committed.size()) {
                // a restart in between reset the commit index: what counts is the later report
                firstCommitted = next.firstCommittedIndex;
                allCommitted = new ArrayList<>(next.committed);
            } else {
                allCommitted.addAll(next.committed);
            }
        }
        List<Role> roles = new ArrayList<>(roleChanges);
        roles.addAll(next.roleChanges);
        boolean hard = hardStateChanged || next.hardStateChanged;
        Snapshot snap = next.snapshot != null ? next.snapshot : snapshot;
        if (next.snapshot != null) {
            // the later snapshot holds every entry at or below its index: drop them from the log change and commits
            long above = next.snapshot.index() + 1;
            if (from != 0 && from < above) {
                entries = new ArrayList<>(entries.subList((int) Math.min(entries.size(), above - from), entries.size()));
                from = above;
            }
            if (firstCommitted != 0 && firstCommitted < above) {
                int drop = (int) Math.min(allCommitted.size(), above - firstCommitted);
                allCommitted = new ArrayList<>(allCommitted.subList(drop, allCommitted.size()));
                firstCommitted = allCommitted.isEmpty() ? 0 : above;
            }
        }
        return new Ready(allMessages, hard, next.term, next.votedFor, from, entries, firstCommitted, allCommitted,
                roles, snap);
    }
}
