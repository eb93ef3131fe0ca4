package org.jointraft.core;

/**
 * A log entry: blank (appended by a new leader), normal (a client payload) or member (a membership).
 * {@code membership} is set only for MEMBER entries, {@code data} only for NORMAL ones.
 */
public record Entry(long term, EntryKind kind, Membership membership, String data) {

    public Entry {
        if (term < 0) {
            throw new IllegalArgumentException("entry term " + term + " is negative");
        }
        if (kind == null) {
            throw new IllegalArgumentException("entry kind is missing");
        }
        if ((kind == EntryKind.MEMBER) != (membership != null)) {
            throw new IllegalArgumentException("a " + kind + " entry " + (membership == null ? "needs" : "takes no")
                    + " membership");
        }
        if (kind != EntryKind.NORMAL && data != null) {
            throw new IllegalArgumentException("a " + kind + " entry takes no data");
        }
    }

    public static Entry blank(long term) {
        return new Entry(term, EntryKind.BLANK, null, null);
    }

    public static Entry normal(long term, String data) {
        return new Entry(term, EntryKind.NORMAL, null, data);
    }

    public static Entry member(long term, Membership membership) {
        return new Entry(term, EntryKind.MEMBER, membership, null);
    }
}
