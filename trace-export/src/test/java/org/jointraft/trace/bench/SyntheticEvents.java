package org.jointraft.trace.bench;

import java.util.List;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceEntry;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceMembership;
import org.jointraft.trace.TraceMessage;
import org.jointraft.trace.TraceState;

/** A repeating mix of events shaped like a replicating 3-node cluster, for the benchmarks. */
final class SyntheticEvents {

    private SyntheticEvents() {}

    static final TraceMembership BOOT = TraceMembership.uniform(1, 2, 3);

    static TraceHeader header() {
        return new TraceHeader(List.of(1, 2, 3), BOOT, 1, "benchmark", null);
    }

    static TraceEvent event(long seq) {
        int term = 1 + (int) (seq / 1000);
        int last = (int) (seq / 4) + 1;
        TraceState leader = new TraceState(term, 1, Role.LEADER, last - 1, last, term, BOOT, 1);
        TraceState follower = new TraceState(term, 1, Role.FOLLOWER, last - 1, last, term, BOOT, 1);
        TraceMessage.AppendEntries ae = new TraceMessage.AppendEntries(term, 1, 2, last - 1, term,
                seq % 3 == 0 ? List.of() : List.of(TraceEntry.normal(term)), last - 1);
        TraceMessage.AppendEntriesResponse aer = new TraceMessage.AppendEntriesResponse(term, 2, 1, true, last);
        switch ((int) (seq % 4)) {
            case 0:
                return new TraceEvent.ClientRequest(1, TraceEntry.normal(term), last, leader);
            case 1:
                return new TraceEvent.SendAppendEntries(1, ae, leader);
            case 2:
                return new TraceEvent.HandleAppendEntries(2, ae, aer, follower);
            default:
                return new TraceEvent.HandleAppendEntriesResponse(1, aer, null, leader);
        }
    }
}
