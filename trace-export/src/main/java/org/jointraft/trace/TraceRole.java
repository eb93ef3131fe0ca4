package org.jointraft.trace;

/** A node's role as the trace spells it ({@code "Follower"}, {@code "Candidate"}, {@code "Leader"}). */
public enum TraceRole {
    FOLLOWER("Follower"),
    CANDIDATE("Candidate"),
    LEADER("Leader");

    private final String json;

    TraceRole(String json) {
        this.json = json;
    }

    /** The JSON spelling. */
    public String json() {
        return json;
    }

    /** The role spelled {@code json}, or null when there is none. */
    public static TraceRole fromJson(String json) {
        for (TraceRole r : values()) {
            if (r.json.equals(json)) {
                return r;
            }
        }
        return null;
    }
}
