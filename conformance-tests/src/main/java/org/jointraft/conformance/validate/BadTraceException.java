package org.jointraft.conformance.validate;

import java.nio.file.Path;

/** A trace that cannot be validated at all: missing, unreadable, or not following docs/trace-format.md. */
public final class BadTraceException extends RuntimeException {
    private final transient Path trace;

    public BadTraceException(Path trace, String message, Throwable cause) {
        super(trace + ": " + message, cause);
        this.trace = trace;
    }

    public Path trace() {
        return trace;
    }
}
