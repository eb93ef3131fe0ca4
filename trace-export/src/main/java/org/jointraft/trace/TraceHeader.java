package org.jointraft.trace;

import java.util.List;
import java.util.Objects;

/**
 * The first line of a trace. {@code nodes} are all node ids that may appear (sorted ascending),
 * {@code bootstrap} the initial membership, {@code seed} and {@code scenario} what reproduces the run,
 * {@code options} a free string (null when absent), {@code version} the schema version the trace follows
 * (docs/trace-format.md, "Versioning"). The seed is the one integer of a trace that may use 64 bits: it is never
 * handed to TLC.
 */
public record TraceHeader(List<Integer> nodes, TraceMembership bootstrap, long seed, String scenario, String options,
        int version) {

    /** The value of the header's {@code schema} field. */
    public static final String SCHEMA = "jointraft-trace";
    /** The schema version this code writes; the reader also reads {@link #OLDEST} and every version between. */
    public static final int VERSION = 3;
    /** The oldest schema version the reader reads (docs/trace-format.md, "Versioning"). */
    public static final int OLDEST = 1;

    public TraceHeader {
        if (version < OLDEST || version > VERSION) {
            throw new IllegalArgumentException("unsupported trace schema version " + version);
        }
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(bootstrap, "bootstrap");
        Objects.requireNonNull(scenario, "scenario");
    }

    /** A header of the current {@link #VERSION}. */
    public TraceHeader(List<Integer> nodes, TraceMembership bootstrap, long seed, String scenario, String options) {
        this(nodes, bootstrap, seed, scenario, options, VERSION);
    }
}
