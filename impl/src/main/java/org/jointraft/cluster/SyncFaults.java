package org.jointraft.cluster;

import org.jointraft.core.Ready;

/**
 * Crashes between a node's write and its sync: the node persisted an output but dies before the sync that would make
 * it durable, so the writes are lost and none of the output's messages leaves. Asked only for inputs a crash can
 * cut short this way without a trace of them (a tick or a delivered message; not a client write or a call's poll,
 * whose caller saw the answer) and only when the output wrote something.
 */
@FunctionalInterface
public interface SyncFaults {

    /** No such crash ever. */
    SyncFaults NONE = (node, ready) -> -1;

    /** The ticks {@code node} stays down if it crashes before syncing {@code ready}; negative for no crash. */
    long crashBeforeSync(int node, Ready ready);
}
