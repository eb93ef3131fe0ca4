package org.jointraft.conformance.validate;

import java.nio.file.Path;

/** A trace that cannot be validated at all: missing, unreadable, or not following docs/trace-format.md. */
public final class BadTraceException extends RuntimeException {
    private final transient Path trace;
    private final transient TraceCheck.Problem problem;

    public BadTraceException(Path trace, TraceCheck.Problem problem, Throwable cause) {
        super(trace + ": " + problem.message(), cause);
        this.trace = trace;
        this.problem = problem;
    }

    public Path trace() {
        return trace;
    }

    /** What is wrong, and where in the file. */
    public TraceCheck.Problem problem() {
        return problem;
    }
}
