package org.jointraft.conformance.tlc;

/**
 * Receives what a running TLC prints, as it prints it. Called from the driver's reader thread,
 * one call at a time, so implementations need no locking of their own but must not block for long.
 */
public interface TlcListener {
    TlcListener NONE = new TlcListener() { };

    /** Every complete TLC message, nested ones included. */
    default void onMessage(TlcMessage message) { }

    /** Every progress report (also delivered to {@link #onMessage}). */
    default void onProgress(TlcProgress progress) { }

    /** Every line printed outside a message: PrintT output (without -userFile), SANY's chatter. */
    default void onLine(String line) { }
}
