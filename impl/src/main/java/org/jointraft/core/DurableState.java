package org.jointraft.core;

import java.util.List;

/** What a node keeps across a restart: current term, vote (0 = none) and the whole log (index 1 first). */
public record DurableState(long term, int votedFor, List<Entry> log) {

    public DurableState {
        if (term < 0) {
            throw new IllegalArgumentException("durable term " + term + " is negative");
        }
        if (votedFor < 0) {
            throw new IllegalArgumentException("durable votedFor " + votedFor + " is negative");
        }
        log = List.copyOf(log);
        for (int i = 1; i < log.size(); i++) {
            if (log.get(i).term() < log.get(i - 1).term()) {
                throw new IllegalArgumentException("durable log entry " + (i + 1) + " has term " + log.get(i).term()
                        + ", below the term " + log.get(i - 1).term() + " of entry " + i);
            }
        }
    }
}
