package org.jointraft.conformance.tlc;

/** A progress report of a running TLC (message 2200). Rates are per minute, as TLC gives them. */
public record TlcProgress(long depth, long statesGenerated, long distinctStates, long queue,
                          long statesPerMinute, long distinctPerMinute) {
}
