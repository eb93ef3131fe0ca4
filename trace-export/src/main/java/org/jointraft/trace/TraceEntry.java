package org.jointraft.trace;

import java.util.Objects;
import org.jointraft.core.EntryKind;

/** A log entry: term, kind, and for member entries only the membership it carries (null otherwise). */
public record TraceEntry(long term, EntryKind kind, TraceMembership membership) {

    public TraceEntry {
        Objects.requireNonNull(kind, "kind");
        if ((kind == EntryKind.MEMBER) != (membership != null)) {
            throw new IllegalArgumentException("an entry carries a membership iff its kind is member");
        }
    }

    public static TraceEntry blank(long term) {
        return new TraceEntry(term, EntryKind.BLANK, null);
    }

    public static TraceEntry normal(long term) {
        return new TraceEntry(term, EntryKind.NORMAL, null);
    }

    public static TraceEntry member(long term, TraceMembership membership) {
        return new TraceEntry(term, EntryKind.MEMBER, membership);
    }
}
