package org.jointraft.trace;

import java.util.List;
import java.util.Objects;

/** A whole trace: its header and its events in {@code seq} order. */
public record Trace(TraceHeader header, List<TraceEvent> events) {

    public Trace {
        Objects.requireNonNull(header, "header");
        events = List.copyOf(events);
    }
}
