package org.jointraft.conformance.tlc;

import java.util.Map;

/**
 * One state of a TLC error trace.
 *
 * @param number    1-based position in the trace, as TLC numbers it
 * @param action    the action that produced the state ("Initial predicate" for the first one)
 * @param location  where TLC says the action is defined ("line 7, col 9 to line 7, col 94 of module Toy"), or ""
 * @param variables variable name to TLC's text of its value, in TLC's order
 */
public record TlcState(int number, String action, String location, Map<String, String> variables) {
    public TlcState {
        variables = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variables));
    }
}
