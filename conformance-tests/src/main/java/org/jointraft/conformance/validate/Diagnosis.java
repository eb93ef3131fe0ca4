package org.jointraft.conformance.validate;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Why TLC could not match an event, as TLC evaluated it on the spec (never a Java copy of the rules).
 *
 * @param eventIndex   1-based index of the event (its seq; the trace line is eventIndex + 1)
 * @param line         the event's line as written in the trace file
 * @param node         the node that took (or, for network events, received) the step
 * @param event        the event name
 * @param specState    that node's spec state before the event, field name to TLC value text, in spec order
 * @param falseGuards  the guards of the event's action that are FALSE (empty when all hold)
 * @param differences  when the guards hold: what the spec produced that the event did not log
 */
public record Diagnosis(int eventIndex, String line, int node, String event, Map<String, String> specState,
                        List<String> falseGuards, List<Difference> differences) {
    public Diagnosis {
        specState = Map.copyOf(specState);
        falseGuards = List.copyOf(falseGuards);
        differences = List.copyOf(differences);
    }

    /**
     * One thing the spec's step produced differently from the logged event.
     *
     * @param kind     what differs
     * @param name     the field, "msg"/"reply", "entry", or the safety check's name
     * @param spec     what the spec computed (TLC value text; empty for a safety check)
     * @param trace    what the event logged (TLC value text; empty for a safety check)
     */
    public record Difference(Kind kind, String name, String spec, String trace) {
        @Override
        public String toString() {
            return switch (kind) {
                case SAFETY -> "safety check " + name + " fails";
                case CONTRACT -> "contract check " + name + " fails (docs/protocol-contract.md, \"Impl choices\")";
                case SENT -> "sent " + name + " differs: spec sends " + spec + ", trace has " + trace;
                case ENTRY -> "appended <<index, entry>> differs: spec " + spec + ", trace " + trace;
                case FIELD -> "post-state field " + name + " differs: spec " + spec + ", trace " + trace;
            };
        }

        /** What differs; written in lower case, as the trace spec prints it. */
        public enum Kind {
            /** A post-state field. */
            FIELD,
            /** The message sent. */
            SENT,
            /** The appended entry. */
            ENTRY,
            /** An incremental safety check of the trace spec fails. */
            SAFETY,
            /** A check of the impl's contract choices fails. */
            CONTRACT;

            @Override
            public String toString() {
                return name().toLowerCase(Locale.ROOT);
            }
        }
    }

    /** One line naming the failed condition. */
    public String reason() {
        if (!falseGuards.isEmpty()) {
            return event + " not enabled: " + (falseGuards.size() == 1 ? "guard " + falseGuards.get(0) + " is FALSE"
                    : "guards " + String.join(", ", falseGuards) + " are FALSE");
        }
        if (!differences.isEmpty()) {
            return differences.stream().map(Difference::toString).collect(Collectors.joining("; "));
        }
        return event + ": the guards hold and the step matches, yet no step was possible (a trace-spec bug)";
    }

    /** The full multi-line explanation for people. */
    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("rejected at event ").append(eventIndex).append(" (line ").append(eventIndex + 1)
                .append("), node ").append(node).append(", ").append(event).append('\n');
        s.append("  line: ").append(line).append('\n');
        s.append("  reason: ").append(reason()).append('\n');
        s.append("  spec state of node ").append(node).append(" before the event:\n");
        specState.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> s.append("    ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n'));
        return s.toString();
    }
}
