package org.jointraft.trace;

import java.util.Objects;

/** A log entry: term, kind, and for member entries only the membership it carries (null otherwise). */
public record TraceEntry(long term, TraceEntryKind kind, TraceMembership membership) {

    public TraceEntry {
        Objects.requireNonNull(kind, "kind");
        if ((kind == TraceEntryKind.MEMBER) != (membership != null)) {
            throw new IllegalArgumentException("an entry carries a membership iff its kind is member");
        }
    }

    public static TraceEntry blank(long term) {
        return new TraceEntry(term, TraceEntryKind.BLANK, null);
    }

    public static TraceEntry normal(long term) {
        return new TraceEntry(term, TraceEntryKind.NORMAL, null);
    }

    public static TraceEntry member(long term, TraceMembership membership) {
        return new TraceEntry(term, TraceEntryKind.MEMBER, membership);
    }
}
