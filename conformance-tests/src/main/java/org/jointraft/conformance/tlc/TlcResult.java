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

    /**
     * A temporal property (a cfg's PROPERTY) is false of the behaviour {@code trace} followed by {@code loop}: TLC
     * ends a liveness counter-example with a loop, back to one of its states or stuttering for ever in the last
     * one. {@code properties}: the violated property if TLC names it, else the cfg's properties (TLC 2.18 says only
     * "Temporal properties were violated"; empty when the cfg was not read). {@code loop} is null when a
     * property's safety part (a {@code []P}) is false in the last state of {@code trace}.
     */
    record PropertyViolated(List<String> properties, List<TlcState> trace, Loop loop, TlcStats stats, TlcOutput output)
            implements TlcResult {
        public PropertyViolated {
            properties = List.copyOf(properties);
            trace = List.copyOf(trace);
        }

        /** The same violation, naming {@code names} as the violated properties. */
        public PropertyViolated naming(List<String> names) {
            return new PropertyViolated(names, trace, loop, stats, output);
        }
    }

    /**
     * How a liveness counter-example ends: {@code backTo} the number of the state of the trace the behaviour returns
     * to (by {@code action}), or 0 when it stutters for ever in the last state.
     */
    record Loop(int backTo, String action) {
        public static final Loop STUTTERING = new Loop(0, "");

        public boolean stuttering() {
            return backTo == 0;
        }

        /** "stuttering" or "back to state N". */
        public String describe() {
            return stuttering() ? "stuttering" : "back to state " + backTo;
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
