package org.jointraft.trace;

/** Why the impl refused a membership proposal (the {@code reason} of ProposeMembershipRejected). */
public enum TraceRejectReason {
    NOT_LEADER("not_leader"),
    IN_PROGRESS("in_progress"),
    INCOHERENT("incoherent"),
    INVALID("invalid");

    private final String json;

    TraceRejectReason(String json) {
        this.json = json;
    }

    /** The JSON spelling. */
    public String json() {
        return json;
    }

    /** The reason spelled {@code json}, or null when there is none. */
    public static TraceRejectReason fromJson(String json) {
        for (TraceRejectReason r : values()) {
            if (r.json.equals(json)) {
                return r;
            }
        }
        return null;
    }
}
