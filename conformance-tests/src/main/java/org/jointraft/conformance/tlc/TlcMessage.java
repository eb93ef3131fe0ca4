package org.jointraft.conformance.tlc;

/**
 * One message TLC printed in {@code -tool} mode between {@code @!@!@STARTMSG code:severity @!@!@}
 * and {@code @!@!@ENDMSG code @!@!@}. A message nested inside another one is reported on its own.
 *
 * @param code     TLC's message code (2110 invariant violated, 2217 state, 2200 progress, ...)
 * @param severity 0 info, 1 error, 2 warning, 4 state (TLC's numbering)
 * @param text     the lines between the markers, joined by newlines, without nested messages
 * @param parent   the code of the message this one is nested in, 0 for a top-level message
 */
public record TlcMessage(int code, int severity, String text, int parent) {
    public static final int ERROR = 1;

    public boolean isError() {
        return severity == ERROR;
    }
}
