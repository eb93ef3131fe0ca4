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

    /** Entry {@code index}, {@code 1 <= index <= lastLogIndex()}. */
    Entry entry(long index);

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
        };
    }
}
