package org.jointraft.conformance.sim;

/**
 * A broken Raft safety property found by {@link SafetyChecker}: which rule, and a message naming the nodes, terms and
 * indexes involved. {@code tick} and {@code seq} say when (the virtual tick, and the last trace event written).
 */
public record SafetyViolation(String rule, String message, long tick, long seq) {

    /** One line for people: {@code election safety violated at tick 12 (after event 40): ...}. */
    public String describe() {
        return rule + " violated at tick " + tick + " (after event " + seq + "): " + message;
    }
}
