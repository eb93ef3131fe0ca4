package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceMessage;

/** Test helper: replays a trace's network bag and fails on any message taken that is not in flight. */
public final class NetworkBagCheck {

    private NetworkBagCheck() {
    }

    /** Every Handle event takes a copy the bag holds: one sent (or duplicated) and not yet received or dropped. */
    public static void assertNoMessageReceivedThatIsNotInTheBag(Trace trace) {
        Map<TraceMessage, Integer> bag = new HashMap<>();
        long seq = 0;
        for (TraceEvent e : trace.events()) {
            seq++;
            if (e instanceof TraceEvent.SendRequestVote s) {
                bag.merge(s.msg(), 1, Integer::sum);
            } else if (e instanceof TraceEvent.SendAppendEntries s) {
                bag.merge(s.msg(), 1, Integer::sum);
            } else if (e instanceof TraceEvent.SendInstallSnapshot s) {
                bag.merge(s.msg(), 1, Integer::sum);
            } else if (e instanceof TraceEvent.HandleInstallSnapshot h) {
                take(bag, h.msg(), seq);
                bag.merge(h.reply(), 1, Integer::sum); // an InstallSnapshot is answered with an AppendEntriesResponse
            } else if (e instanceof TraceEvent.DuplicateMessage d) {
                assertThat(bag.getOrDefault(d.msg(), 0)).as("duplicated at seq %d", seq).isPositive();
                bag.merge(d.msg(), 1, Integer::sum);
            } else if (e instanceof TraceEvent.DropMessage d) {
                take(bag, d.msg(), seq);
            } else if (e instanceof TraceEvent.HandleRequestVote h) {
                take(bag, h.msg(), seq);
                bag.merge(h.reply(), 1, Integer::sum);
            } else if (e instanceof TraceEvent.HandleAppendEntries h) {
                take(bag, h.msg(), seq);
                bag.merge(h.reply(), 1, Integer::sum);
            } else if (e instanceof TraceEvent.HandleRequestVoteResponse h) {
                take(bag, h.msg(), seq);
            } else if (e instanceof TraceEvent.HandleAppendEntriesResponse h) {
                take(bag, h.msg(), seq);
            }
        }
    }

    private static void take(Map<TraceMessage, Integer> bag, TraceMessage m, long seq) {
        int copies = bag.getOrDefault(m, 0);
        assertThat(copies).as("event %d takes %s, which is not in flight", seq, m).isPositive();
        bag.put(m, copies - 1);
    }
}
