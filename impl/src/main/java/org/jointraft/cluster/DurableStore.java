package org.jointraft.cluster;

import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.DurableState;
import org.jointraft.core.Entry;
import org.jointraft.core.Ready;

/**
 * One node's simulated disk: term, vote and log, written only from the {@link Ready} outputs as an application
 * would, so a crash loses exactly what the node had not asked to persist.
 */
final class DurableStore {

    private long term;
    private int votedFor;
    private final ArrayList<Entry> log = new ArrayList<>();

    DurableStore(List<Entry> initialLog) {
        log.addAll(initialLog);
    }

    void persist(Ready ready) {
        if (ready.hardStateChanged()) {
            term = ready.term();
            votedFor = ready.votedFor();
        }
        if (ready.persistLogFrom() > 0) {
            int keep = (int) (ready.persistLogFrom() - 1);
            if (keep > log.size()) {
                throw new IllegalStateException("asked to persist from index " + ready.persistLogFrom()
                        + " but the durable log ends at " + log.size());
            }
            while (log.size() > keep) {
                log.remove(log.size() - 1);
            }
            log.addAll(ready.persistEntries());
        }
    }

    DurableState state() {
        return new DurableState(term, votedFor, log);
    }

    long lastIndex() {
        return log.size();
    }
}
