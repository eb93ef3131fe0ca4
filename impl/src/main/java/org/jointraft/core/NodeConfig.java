package org.jointraft.core;

/**
 * Static configuration of one node. Election timeouts are drawn uniformly from
 * [electionTimeoutMin, electionTimeoutMax] ticks by a random source seeded with {@code randomSeed}, so a run is
 * reproducible.
 *
 * @param bootstrap the cluster's initial membership, the same on every node; its members start with it as entry 1
 * @param maxEntriesPerAppend the most entries one AppendEntries carries
 */
public record NodeConfig(int id, Membership bootstrap, int electionTimeoutMin, int electionTimeoutMax,
        int heartbeatInterval, int maxEntriesPerAppend, long randomSeed) {

    public NodeConfig {
        if (id < 1) {
            throw new IllegalArgumentException("node id " + id + " is not a positive int");
        }
        if (bootstrap == null) {
            throw new IllegalArgumentException("node " + id + ": bootstrap membership is missing");
        }
        if (electionTimeoutMin < 1 || electionTimeoutMax < electionTimeoutMin) {
            throw new IllegalArgumentException("node " + id + ": election timeout range [" + electionTimeoutMin + ", "
                    + electionTimeoutMax + "] must be non-empty and start at 1 or more");
        }
        if (heartbeatInterval < 1 || heartbeatInterval >= electionTimeoutMin) {
            throw new IllegalArgumentException("node " + id + ": heartbeat interval " + heartbeatInterval
                    + " must be at least 1 and below the minimum election timeout " + electionTimeoutMin);
        }
        if (maxEntriesPerAppend < 1) {
            throw new IllegalArgumentException("node " + id + ": maxEntriesPerAppend " + maxEntriesPerAppend
                    + " must be at least 1");
        }
    }

    /** Defaults: election timeout 10..20 ticks, heartbeat every 3 ticks, at most 64 entries per AppendEntries. */
    public static NodeConfig of(int id, Membership bootstrap, long randomSeed) {
        return new NodeConfig(id, bootstrap, 10, 20, 3, 64, randomSeed);
    }
}
