package org.jointraft.conformance.sim;

import java.util.List;
import org.jointraft.core.Entry;
import org.jointraft.core.Role;

/** A fabricated node state, for checks that must reject states a correct node never reaches. */
record FakeReplica(int id, Role role, long currentTerm, long commitIndex, List<Entry> log) implements ReplicaView {

    @Override
    public long lastLogIndex() {
        return log.size();
    }

    @Override
    public Entry entry(long index) {
        return log.get((int) index - 1);
    }
}
