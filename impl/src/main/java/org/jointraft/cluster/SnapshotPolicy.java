package org.jointraft.cluster;

/**
 * When a node compacts its log: asked after each of a running node's ticks that finds its state machine ahead of its
 * snapshot. A snapshot covers everything the node's state machine has applied (its committed entries).
 */
@FunctionalInterface
public interface SnapshotPolicy {

    /** Never. */
    SnapshotPolicy NEVER = (node, applied, snapshotIndex) -> false;

    /** Whether {@code node}, whose state machine has applied up to {@code applied}, snapshots now. */
    boolean snapshotNow(int node, long applied, long snapshotIndex);
}
