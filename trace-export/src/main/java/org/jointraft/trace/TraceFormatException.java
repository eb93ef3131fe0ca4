package org.jointraft.trace;

/**
 * A trace line that does not follow docs/trace-format.md. The message reads
 * {@code line 17: field "msg.entries[2].term": expected integer, got string}, or
 * {@code line 17: <problem>} when the problem is the line as a whole.
 */
public final class TraceFormatException extends RuntimeException {

    private final long line;
    private final String field;

    public TraceFormatException(long line, String field, String problem) {
        super(field == null ? "line " + line + ": " + problem : "line " + line + ": field \"" + field + "\": " + problem);
        this.line = line;
        this.field = field;
    }

    /** The 1-based line number; line 1 is the header. */
    public long line() {
        return line;
    }

    /** The path of the offending field ({@code msg.entries[2].term}), or null for a whole-line problem. */
    public String field() {
        return field;
    }
}
