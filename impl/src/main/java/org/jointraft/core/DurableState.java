package org.jointraft.core;

import java.util.List;

/**
 * What a node keeps across a restart: current term, vote (0 = none), its snapshot (null: none) and the log entries
 * after the snapshot ({@code log.get(0)} has index {@code snapshot.index() + 1}, or 1 without a snapshot).
 */
public record DurableState(long term, int votedFor, Snapshot snapshot, List<Entry> log) {

    /** A state without a snapshot: the whole log, index 1 first. */
    public DurableState(long term, int votedFor, List<Entry> log) {
        this(term, votedFor, null, log);
    }

    public DurableState {
        if (term < 0) {
            throw new IllegalArgumentException("durable term " + term + " is negative");
        }
        if (votedFor < 0) {
            throw new IllegalArgumentException("durable votedFor " + votedFor + " is negative");
        }
        log = List.copyOf(log);
        if (snapshot != null && !log.isEmpty() && log.get(0).term() < snapshot.term()) {
            throw new IllegalArgumentException("durable log entry " + (snapshot.index() + 1) + " has term "
                    + log.get(0).term() + ", below the snapshot's term " + snapshot.term());
        }
        for (int i = 1; i < log.size(); i++) {
            if (log.get(i).term() < log.get(i - 1).term()) {
                throw new IllegalArgumentException("durable log entry " + (i + 1) + " has term " + log.get(i).term()
                        + ", below the term " + log.get(i - 1).term() + " of entry " + i);
            }
        }
    }
}
