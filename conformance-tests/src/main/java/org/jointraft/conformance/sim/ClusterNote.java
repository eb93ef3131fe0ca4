package org.jointraft.conformance.sim;

/** Something the simulator did to the cluster (a crash, a partition, a node stopped...), for the timeline. */
public record ClusterNote(long tick, long seq, String text) {
}
