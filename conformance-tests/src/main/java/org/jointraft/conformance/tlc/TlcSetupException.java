package org.jointraft.conformance.tlc;

/**
 * TLC could not be started or fed at all: no java binary, tlc2.TLC not on the classpath,
 * spec files missing, an unusable variant file. Distinct from a TLC run that ended in an error.
 */
public class TlcSetupException extends RuntimeException {
    public TlcSetupException(String message) {
        super(message);
    }

    public TlcSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
