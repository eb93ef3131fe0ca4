package org.jointraft.conformance.sim;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Which hard paths one run reached, and how often: counted by the simulator's cluster from what the nodes output
 * and what the network did (outside the pure core, whether or not the run is traced). docs/simulator.md defines
 * each {@link Counter}; a hunt sums runs with {@link Tally}.
 */
public final class Coverage {

    /** A hard path; {@link #cliName()} is its name in reports. */
    public enum Counter {
        /** A node's log lost a suffix that conflicted with its leader's entries. */
        CONFLICT_TRUNCATION("a follower truncated a conflicting suffix"),
        /** A truncation removed the node's effective membership entry (it fell back to an earlier membership). */
        MEMBERSHIP_REVERT("a truncation reverted the effective membership"),
        /** A leader appended a joint membership entry while its effective membership was joint already. */
        JOINT_TO_JOINT("a joint membership followed a joint one"),
        /** A node became leader while a call had its step 1 committed and its step 2 not yet proposed. */
        LEADER_CHANGE_BETWEEN_STEPS("a new leader while a call was between its steps"),
        /**
         * A granted vote or a successful append response reached a candidate or leader of a later term than the
         * response's: one that must not count it.
         */
        STALE_TERM_RESPONSE("a yes of an older term reached a candidate or leader"),
        /** A second copy of a message was handed to its destination. */
        DUPLICATE_DELIVERED("a duplicated message was delivered again"),
        /** A crashed node came back through RaftNode.restart() on the same object. */
        IN_PLACE_RESTART("a node restarted in place"),
        /** A node crashed after writing an output and before syncing it: the writes were lost, no message left. */
        CRASH_BEFORE_SYNC("a node crashed between a write and its sync"),
        /** A leader stepped down in its term because it is no voter of its committed membership. */
        REMOVED_LEADER_STEP_DOWN("a removed leader stepped down"),
        /**
         * A truncation removed entries of two or more terms, or entries whose newest term is more than one below the
         * term of the leader whose AppendEntries caused it (a whole term passed between them).
         */
        MULTI_TERM_REPAIR("a follower was repaired across more than one term"),
        /** A node compacted its log into a snapshot of what its state machine applied. */
        SNAPSHOT_TAKEN("a node took a snapshot"),
        /** A node handled an InstallSnapshot newer than its commit index and installed it. */
        SNAPSHOT_INSTALLED("a node installed a leader's snapshot"),
        /** An install found the snapshot's last entry in the log and kept the entries after it. */
        INSTALL_KEPT_SUFFIX("an installed snapshot kept the log suffix after it"),
        /** An install did not find the snapshot's last entry in the log and discarded the node's entries. */
        INSTALL_DISCARDED_LOG("an installed snapshot discarded the log"),
        /** An install discarded a membership entry above the snapshot's membership index (a newer membership). */
        INSTALL_DISCARDED_MEMBERSHIP("an installed snapshot discarded a newer membership");

        private final String description;

        Counter(String description) {
            this.description = description;
        }

        /** The name in reports and JSON, e.g. {@code conflict-truncation}. */
        public String cliName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** One line saying what it counts. */
        public String description() {
            return description;
        }
    }

    private final long[] counts;

    Coverage(long[] counts) {
        this.counts = counts.clone();
    }

    /** A run that reached nothing. */
    public static Coverage none() {
        return new Coverage(new long[Counter.values().length]);
    }

    /** How many times the run reached {@code c}. */
    public long count(Counter c) {
        return counts[c.ordinal()];
    }

    public boolean reached(Counter c) {
        return count(c) > 0;
    }

    /** Counter name to count, every counter, in declaration order. */
    public Map<String, Long> asMap() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (Counter c : Counter.values()) {
            m.put(c.cliName(), counts[c.ordinal()]);
        }
        return m;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Coverage other && Arrays.equals(counts, other.counts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    /** Runs that reached each counter, summed over many runs; safe to use from several threads. */
    public static final class Tally {
        private final long[] runs = new long[Counter.values().length];
        private long total;

        /** Adds one run. */
        public synchronized Tally add(Coverage run) {
            for (Counter c : Counter.values()) {
                runs[c.ordinal()] += run.reached(c) ? 1 : 0;
            }
            total++;
            return this;
        }

        /** Adds every run {@code other} holds. */
        public synchronized Tally addAll(Tally other) {
            long[] theirs;
            long theirTotal;
            synchronized (other) {
                theirs = other.runs.clone();
                theirTotal = other.total;
            }
            for (int k = 0; k < runs.length; k++) {
                runs[k] += theirs[k];
            }
            total += theirTotal;
            return this;
        }

        /** Runs that reached {@code c}. */
        public synchronized long runs(Counter c) {
            return runs[c.ordinal()];
        }

        /** Runs added. */
        public synchronized long total() {
            return total;
        }

        /** Counter name to runs that reached it, every counter, in declaration order. */
        public synchronized Map<String, Long> asMap() {
            Map<String, Long> m = new LinkedHashMap<>();
            for (Counter c : Counter.values()) {
                m.put(c.cliName(), runs[c.ordinal()]);
            }
            return m;
        }
    }
}
