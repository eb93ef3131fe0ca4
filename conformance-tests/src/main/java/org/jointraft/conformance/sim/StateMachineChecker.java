package org.jointraft.conformance.sim;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * State machine safety on the applied state itself: two state machines that applied up to the same index hold the
 * same keys and values, whenever each got there (the first state seen at an index is kept and every later one
 * compared with it). The {@link SafetyChecker} compares the committed entries nodes can still see; this check is what
 * covers entries compacted away, and proves that a snapshot taken, installed or restored after a restart carried the
 * state of the entries it replaced.
 */
public final class StateMachineChecker {

    /** The state first seen at one applied index, and whose it was. */
    private record Seen(int node, Map<String, String> state) {
    }

    private final Map<Long, Seen> seen = new HashMap<>();
    /** Per node id: the applied index of its last check (the state cannot change without it moving). */
    private final Map<Integer, Long> lastChecked = new HashMap<>();

    /**
     * Checks that {@code node}, whose state machine applied up to {@code applied} and holds {@code state}, agrees with
     * any node seen at that applied index.
     *
     * @return the violation naming both nodes and the index, or null
     */
    public SafetyChecker.Violation check(int node, long applied, Map<String, String> state) {
        if (Objects.equals(lastChecked.put(node, applied), applied)) {
            return null;
        }
        Seen first = seen.get(applied);
        if (first == null) {
            seen.put(applied, new Seen(node, new TreeMap<>(state)));
            return null;
        }
        if (!first.state().equals(state)) {
            String who = first.node() == node ? "node " + node + " (before and now)"
                    : "nodes " + first.node() + " and " + node;
            return new SafetyChecker.Violation("state machine safety", who + " applied up to index " + applied
                    + " but hold different key-value states: " + first.state() + " vs " + new TreeMap<>(state));
        }
        return null;
    }

    /** The node's state machine was rebuilt (from its snapshot): check it even if its applied index is as before. */
    public void restarted(int node) {
        lastChecked.remove(node);
    }
}
