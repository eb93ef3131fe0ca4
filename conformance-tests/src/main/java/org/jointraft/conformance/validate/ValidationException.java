package org.jointraft.conformance.validate;

/** The validator could not reach a verdict (TLC failed, or its output contradicts itself). Not a rejection. */
public final class ValidationException extends RuntimeException {
    public ValidationException(String message) {
        super(message);
    }

    public ValidationException(String message, Throwable cause) {
        super(message, cause);
    }
}
