package org.jointraft.trace;

import java.util.List;
import java.util.Objects;

/**
 * One requested membership change of a client call (CallStart {@code changes}): a change type and the
 * node ids it names, sorted ascending.
 */
public record TraceChange(Type type, List<Integer> nodes) {

    /** The change types, spelled in JSON exactly as the impl's MembershipChange records are named. */
    public enum Type {
        AddVoters, RemoveVoters, ReplaceAllVoters, AddLearners, RemoveLearners;

        /** The type named {@code json}, or null when there is none. */
        public static Type fromJson(String json) {
            for (Type t : values()) {
                if (t.name().equals(json)) {
                    return t;
                }
            }
            return null;
        }
    }

    public TraceChange {
        Objects.requireNonNull(type, "type");
        nodes = List.copyOf(nodes);
    }
}
