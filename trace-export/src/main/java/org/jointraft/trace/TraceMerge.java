package org.jointraft.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.trace.TraceVocabulary.Field;

/**
 * Merges per-node traces (each in that node's own order) into one trace whose order respects causality:
 * every receive comes after a send of an equal message that no earlier receive consumed. Messages are
 * matched by content, as the spec's bag does (equal messages are copies). What each event takes from
 * and puts into the network is its message fields' {@link MessageRole}: a drop consumes a copy, a
 * duplicate needs one and adds one. The writer numbers the result.
 *
 * <p>Among the events that may go next it takes the head of the first list, so the merge is
 * deterministic. Taking any enabled event never disables another (only a message's destination consumes
 * it, in its own order), so when some causal order exists this greedy walk finds one.
 */
public final class TraceMerge {

    private TraceMerge() {}

    /** One causally ordered trace from {@code perNode} lists; refuses lists with a receive nobody sent. */
    public static List<TraceEvent> merge(List<List<TraceEvent>> perNode) {
        int total = perNode.stream().mapToInt(List::size).sum();
        List<TraceEvent> merged = new ArrayList<>(total);
        Map<TraceMessage, Integer> inFlight = new HashMap<>();
        int[] next = new int[perNode.size()];
        while (merged.size() < total) {
            int chosen = -1;
            for (int i = 0; i < perNode.size() && chosen < 0; i++) {
                if (next[i] < perNode.get(i).size() && enabled(perNode.get(i).get(next[i]), inFlight)) {
                    chosen = i;
                }
            }
            if (chosen < 0) {
                int blocked = firstBlocked(perNode, next);
                throw new IllegalArgumentException("no causal order: every remaining list waits for a message nobody sent,"
                        + " e.g. list " + blocked + " at position " + next[blocked] + ": " + perNode.get(blocked).get(next[blocked]));
            }
            TraceEvent e = perNode.get(chosen).get(next[chosen]++);
            apply(e, inFlight);
            merged.add(e);
        }
        return merged;
    }

    private static int firstBlocked(List<List<TraceEvent>> perNode, int[] next) {
        for (int i = 0; ; i++) {
            if (next[i] < perNode.get(i).size()) {
                return i;
            }
        }
    }

    private static boolean enabled(TraceEvent e, Map<TraceMessage, Integer> inFlight) {
        for (Field f : TraceVocabulary.of(e).fields()) {
            if (f.role() != null && f.role().takes() && inFlight.getOrDefault((TraceMessage) f.get(e), 0) <= 0) {
                return false;
            }
        }
        return true;
    }

    private static void apply(TraceEvent e, Map<TraceMessage, Integer> inFlight) {
        for (Field f : TraceVocabulary.of(e).fields()) {
            if (f.role() != null) {
                int change = f.role().adds() - (f.role().takes() ? 1 : 0);
                inFlight.merge((TraceMessage) f.get(e), change, Integer::sum);
            }
        }
    }
}
