package org.jointraft.conformance.bugzoo;

/** A bug file that cannot be read or no longer fits the impl sources; the message names the bug and where. */
public class BugFormatException extends IllegalArgumentException {
    public BugFormatException(String message) {
        super(message);
    }

    public BugFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
