package org.jointraft.trace;

import java.util.List;
import java.util.Objects;

/**
 * The first line of a trace. {@code nodes} are all node ids that may appear (sorted ascending),
 * {@code bootstrap} the initial membership, {@code seed} and {@code scenario} what reproduces the run,
 * {@code options} a free string (null when absent). The seed is the one integer of a trace that may use
 * 64 bits: it is never handed to TLC.
 */
public record TraceHeader(List<Integer> nodes, TraceMembership bootstrap, long seed, String scenario, String options) {

    /** The value of the header's {@code schema} field. */
    public static final String SCHEMA = "jointraft-trace";
    /** The schema version this code writes and reads. */
    public static final int VERSION = 1;

    public TraceHeader {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(scenario, "scenario");
    }
}
