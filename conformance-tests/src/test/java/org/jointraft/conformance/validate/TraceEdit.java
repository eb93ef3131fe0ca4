package org.jointraft.conformance.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceReader;
import org.jointraft.trace.TraceState;
import org.jointraft.trace.TraceWriter;

/**
 * Edits one valid trace into an invalid one, event by event, so that everything but the edit stays
 * consistent. Positions are 0-based list positions; the event at position p has seq p + 1 once written.
 */
final class TraceEdit {
    private final TraceHeader header;
    private final List<TraceEvent> events;

    private TraceEdit(TraceHeader header, List<TraceEvent> events) {
        this.header = header;
        this.events = new ArrayList<>(events);
    }

    static TraceEdit of(Path trace) throws IOException {
        Trace t = new TraceReader().readAll(trace);
        return new TraceEdit(t.header(), t.events());
    }

    static TraceEdit of(TraceHeader header, List<TraceEvent> events) {
        return new TraceEdit(header, events);
    }

    TraceHeader header() {
        return header;
    }

    List<TraceEvent> events() {
        return List.copyOf(events);
    }

    TraceEvent get(int position) {
        return events.get(position);
    }

    /** The first position at or after {@code from} whose event satisfies {@code test}. */
    OptionalInt find(int from, Predicate<TraceEvent> test) {
        for (int p = Math.max(0, from); p < events.size(); p++) {
            if (test.test(events.get(p))) {
                return OptionalInt.of(p);
            }
        }
        return OptionalInt.empty();
    }

    /** The post-state {@code node} logged last before {@code position}, or null if it logged none. */
    TraceState stateBefore(int position, int node) {
        for (int p = position - 1; p >= 0; p--) {
            if (events.get(p) instanceof TraceEvent.NodeEvent n && n.node() == node) {
                return n.state();
            }
        }
        return null;
    }

    TraceEdit replace(int position, TraceEvent event) {
        events.set(position, event);
        return this;
    }

    TraceEdit insert(int position, TraceEvent event) {
        events.add(position, event);
        return this;
    }

    TraceEdit delete(int position) {
        events.remove(position);
        return this;
    }

    /** Only the events before {@code position}. */
    TraceEdit truncate(int position) {
        events.subList(position, events.size()).clear();
        return this;
    }

    /** Writes the edited trace (the writer numbers it 1, 2, ...). */
    Path write(Path file) throws IOException {
        try (TraceWriter writer = TraceWriter.open(file)) {
            writer.writeHeader(header);
            for (TraceEvent e : events) {
                writer.write(e);
            }
        }
        return file;
    }
}
