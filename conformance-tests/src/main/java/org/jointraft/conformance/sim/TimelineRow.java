package org.jointraft.conformance.sim;

import org.jointraft.cluster.NodeStatus;
import org.jointraft.core.Membership;

/**
 * One change in what a node looks like from the outside: its effective membership (and whether that is committed on
 * the node) or its status. {@code seq} is the last trace event written at that point.
 */
public record TimelineRow(long tick, long seq, int node, NodeStatus status, Membership membership, long index,
        boolean committed) {
}
