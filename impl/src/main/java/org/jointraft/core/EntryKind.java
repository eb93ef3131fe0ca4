package org.jointraft.core;

/** The kind of a log entry; {@link #traceName()} is the contract's string. */
public enum EntryKind {
    BLANK, NORMAL, MEMBER;

    public String traceName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
