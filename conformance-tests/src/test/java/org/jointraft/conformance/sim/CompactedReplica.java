package org.jointraft.conformance.sim;

import java.util.List;
import org.jointraft.core.Entry;
import org.jointraft.core.Role;

/** A fabricated node whose log starts after a snapshot through {@code snapshotIndex} of {@code snapshotTerm}. */
record CompactedReplica(int id, Role role, long currentTerm, long commitIndex, long snapshotIndex, long snapshotTerm,
        List<Entry> after) implements ReplicaView {

    @Override
    public long lastLogIndex() {
        return snapshotIndex + after.size();
    }

    @Override
    public Entry entry(long index) {
        if (index <= snapshotIndex) {
            throw new IndexOutOfBoundsException("entry " + index + " is compacted into the snapshot");
        }
        return after.get((int) (index - snapshotIndex - 1));
    }

    @Override
    public long termAt(long index) {
        return index == snapshotIndex ? snapshotTerm : entry(index).term();
    }
}
