package org.jointraft.trace;

/**
 * An event that the trace format cannot hold (an integer outside TLC's 32-bit range). Nothing of the
 * event was written; the message names its {@code seq} and the field path.
 */
public final class TraceWriteException extends IllegalArgumentException {

    private final long seq;
    private final String field;

    public TraceWriteException(long seq, String field, String problem) {
        super("seq " + seq + ": field \"" + field + "\": " + problem);
        this.seq = seq;
        this.field = field;
    }

    /** The seq of the event that was refused (0 for the header). */
    public long seq() {
        return seq;
    }

    /** The path of the offending field, e.g. {@code msg.entries[2].term}. */
    public String field() {
        return field;
    }
}
