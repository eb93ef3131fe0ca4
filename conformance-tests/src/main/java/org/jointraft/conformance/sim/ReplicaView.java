package org.jointraft.conformance.sim;

import org.jointraft.core.Entry;
import org.jointraft.core.RaftNode;
import org.jointraft.core.Role;

/** What the safety checker reads of one node; tests fabricate views that break the rules. */
public interface ReplicaView {

    int id();

    Role role();

    long currentTerm();

    long commitIndex();

    long lastLogIndex();

    /** Entry {@code index}, {@code snapshotIndex() < index <= lastLogIndex()} (the entries before are compacted). */
    Entry entry(long index);

    /** The index of the last entry the node's snapshot holds; 0 without one. */
    default long snapshotIndex() {
        return 0;
    }

    /** Term of entry {@code index}, {@code snapshotIndex() <= index <= lastLogIndex()}: the snapshot's at its index. */
    default long termAt(long index) {
        return index == 0 ? 0 : entry(index).term();
    }

    /** A live view of a node (no copying). */
    static ReplicaView of(RaftNode node) {
        return new ReplicaView() {
            @Override
            public int id() {
                return node.id();
            }

            @Override
            public Role role() {
                return node.role();
            }

            @Override
            public long currentTerm() {
                return node.currentTerm();
            }

            @Override
            public long commitIndex() {
                return node.commitIndex();
            }

            @Override
            public long lastLogIndex() {
                return node.lastLogIndex();
            }

            @Override
            public Entry entry(long index) {
                return node.entry(index);
            }

            @Override
            public long snapshotIndex() {
                return node.snapshotIndex();
            }

            @Override
            public long termAt(long index) {
                return node.termAt(index);
            }
        };
    }
}
