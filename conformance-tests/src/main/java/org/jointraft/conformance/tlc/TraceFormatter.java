package org.jointraft.conformance.tlc;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Renders a TLC error trace for people: one block per state, showing only the variables that changed. */
public final class TraceFormatter {
    private TraceFormatter() { }

    public static String format(List<TlcState> trace) {
        StringBuilder out = new StringBuilder();
        Map<String, String> previous = Map.of();
        for (TlcState state : trace) {
            out.append("State ").append(state.number()).append(": ").append(state.action());
            if (!state.location().isEmpty()) {
                out.append("   (").append(state.location()).append(')');
            }
            out.append('\n');
            int shown = 0;
            for (Map.Entry<String, String> v : state.variables().entrySet()) {
                if (!Objects.equals(previous.get(v.getKey()), v.getValue())) {
                    out.append("  ").append(v.getKey()).append(" = ")
                            .append(v.getValue().replace("\n", "\n    ")).append('\n');
                    shown++;
                }
            }
            if (shown == 0) {
                out.append("  (no variable changed)\n");
            }
            previous = state.variables();
        }
        return out.toString();
    }
}
