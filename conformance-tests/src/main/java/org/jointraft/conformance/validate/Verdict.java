package org.jointraft.conformance.validate;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * TLC's judgement of one trace.
 *
 * @param trace     the trace file
 * @param events    the number of events in it
 * @param accepted  true when the spec matched every event
 * @param diagnosis why the first unmatched event fails; present iff not accepted
 * @param seconds   this trace's share of the TLC time (its batch split by events, plus its diagnosis run)
 */
public record Verdict(Path trace, int events, boolean accepted, Optional<Diagnosis> diagnosis, double seconds) {
    public Verdict {
        Objects.requireNonNull(trace, "trace");
        Objects.requireNonNull(diagnosis, "diagnosis");
        if (accepted == diagnosis.isPresent()) {
            throw new IllegalArgumentException("a verdict has a diagnosis iff it rejects the trace");
        }
    }

    /** The 1-based index (= seq) of the first event no spec action matched, or 0 when accepted. */
    public int rejectedAt() {
        return diagnosis.map(Diagnosis::eventIndex).orElse(0);
    }

    /** One line: which condition failed, or empty when accepted. */
    public String reason() {
        return diagnosis.map(Diagnosis::reason).orElse("");
    }
}
