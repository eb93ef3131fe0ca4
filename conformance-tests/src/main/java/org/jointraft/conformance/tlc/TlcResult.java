package org.jointraft.conformance.tlc;

import java.util.List;

/** The typed outcome of one TLC run. */
public sealed interface TlcResult {

    TlcStats stats();

    TlcOutput output();

    /** TLC explored the whole state space (or trace) without finding anything wrong. */
    record Ok(TlcStats stats, TlcOutput output) implements TlcResult { }

    /** An invariant is false in the last state of {@code trace}. */
    record InvariantViolated(String invariant, List<TlcState> trace, TlcStats stats, TlcOutput output)
            implements TlcResult {
        public InvariantViolated {
            trace = List.copyOf(trace);
        }
    }

    /** The last state of {@code trace} has no successor and deadlock checking was on. */
    record Deadlock(List<TlcState> trace, TlcStats stats, TlcOutput output) implements TlcResult {
        public Deadlock {
            trace = List.copyOf(trace);
        }
    }

    /**
     * The run ended without a verdict. {@code message} is TLC's own text (for parse errors SANY's);
     * {@code trace} holds the behaviour TLC printed up to an evaluation error, else it is empty.
     */
    record Error(TlcErrorKind kind, String message, int exitCode, List<TlcState> trace, TlcStats stats,
                 TlcOutput output) implements TlcResult {
        public Error {
            trace = List.copyOf(trace);
        }
    }
}
