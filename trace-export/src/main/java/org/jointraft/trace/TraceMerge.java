package org.jointraft.trace;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges per-node traces (each in that node's own order) into one trace whose order respects causality:
 * every receive comes after a send of an equal message that no earlier receive consumed. Messages are
 * matched by content, as the spec's bag does (equal messages are copies). Network events count too: a
 * drop consumes a copy, a duplicate needs one and adds one. The result is renumbered from seq 1.
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
                        + " e.g. list " + blocked + " at " + perNode.get(blocked).get(next[blocked]));
            }
            TraceEvent e = perNode.get(chosen).get(next[chosen]++);
            apply(e, inFlight);
            merged.add(e.withSeq(merged.size() + 1));
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

    /** The message an event takes from the network (or needs there), or null. */
    private static TraceMessage consumed(TraceEvent e) {
        if (e instanceof TraceEvent.HandleRequestVote h) {
            return h.msg();
        } else if (e instanceof TraceEvent.HandleRequestVoteResponse h) {
            return h.msg();
        } else if (e instanceof TraceEvent.HandleAppendEntries h) {
            return h.msg();
        } else if (e instanceof TraceEvent.HandleAppendEntriesResponse h) {
            return h.msg();
        } else if (e instanceof TraceEvent.NetworkEvent n) {
            return n.msg();
        }
        return null;
    }

    /** The message an event puts into the network, or null. */
    private static TraceMessage produced(TraceEvent e) {
        if (e instanceof TraceEvent.SendRequestVote s) {
            return s.msg();
        } else if (e instanceof TraceEvent.HandleRequestVote h) {
            return h.reply();
        } else if (e instanceof TraceEvent.SendAppendEntries s) {
            return s.msg();
        } else if (e instanceof TraceEvent.HandleAppendEntries h) {
            return h.reply();
        } else if (e instanceof TraceEvent.DuplicateMessage d) {
            return d.msg();
        }
        return null;
    }

    private static boolean enabled(TraceEvent e, Map<TraceMessage, Integer> inFlight) {
        TraceMessage needed = consumed(e);
        return needed == null || inFlight.getOrDefault(needed, 0) > 0;
    }

    private static void apply(TraceEvent e, Map<TraceMessage, Integer> inFlight) {
        TraceMessage taken = consumed(e);
        if (taken != null) {
            inFlight.merge(taken, -1, Integer::sum);
        }
        TraceMessage sent = produced(e);
        if (sent != null) {
            // A duplicate took its copy above and now returns it plus one more.
            inFlight.merge(sent, e instanceof TraceEvent.DuplicateMessage ? 2 : 1, Integer::sum);
        }
    }
}
