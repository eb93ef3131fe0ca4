package org.jointraft.trace;

/** Kind of a log entry as the trace spells it ({@code "blank"}, {@code "normal"}, {@code "member"}). */
public enum TraceEntryKind {
    BLANK("blank"),
    NORMAL("normal"),
    MEMBER("member");

    private final String json;

    TraceEntryKind(String json) {
        this.json = json;
    }

    /** The JSON spelling. */
    public String json() {
        return json;
    }

    /** The kind spelled {@code json}, or null when there is none. */
    public static TraceEntryKind fromJson(String json) {
        for (TraceEntryKind k : values()) {
            if (k.json.equals(json)) {
                return k;
            }
        }
        return null;
    }
}
