package org.jointraft.trace;

import java.util.List;
import java.util.Objects;

/**
 * One requested membership change of a client call (CallStart {@code changes}): a change type and the
 * node ids it names, sorted ascending.
 */
public record TraceChange(Type type, List<Integer> nodes) {

    /**
     * The change types, spelled in JSON exactly as the impl's MembershipChange records are named (the core
     * has records, not an enum, so the names are declared here once).
     */
    public enum Type {
        AddVoters, RemoveVoters, ReplaceAllVoters, AddLearners, RemoveLearners;

        public String traceName() {
            return name();
        }
    }

    public TraceChange {
        Objects.requireNonNull(type, "type");
        nodes = List.copyOf(nodes);
    }
}
