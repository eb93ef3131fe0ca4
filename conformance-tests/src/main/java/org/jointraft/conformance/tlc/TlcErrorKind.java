package org.jointraft.conformance.tlc;

/** Why a TLC run ended without a verdict about the spec's behaviours. */
public enum TlcErrorKind {
    /** SANY could not parse or resolve the modules (exit 150). */
    PARSE,
    /** The cfg file is wrong: unknown invariant, constant, bad syntax (exit 151). */
    CONFIG,
    /** An expression could not be evaluated, or an Assert failed (exits 75, 14). */
    EVALUATION,
    /** An ASSUME is false or cannot be evaluated (exit 10). */
    ASSUME,
    /** The run was stopped because it exceeded its time limit. */
    TIMEOUT,
    /** Anything else, including exit codes that contradict TLC's messages. */
    OTHER
}
