package org.jointraft.conformance.bugzoo;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * What a hunt on one (possibly patched) impl found: the JSON line a {@link ZooHunt} worker prints.
 *
 * @param caught  true when some run was caught
 * @param runs    runs made until the catch (all runs made when not caught)
 * @param judge   who caught the run; null when not caught
 * @param reason  the first line of TLC's diagnosis, or of the simulator's violation; empty when not caught
 * @param seed    the seed of the caught run (0 when not caught)
 * @param options the caught run's simulator options as {@code simulate} flags (empty when not caught)
 * @param events  trace events of all runs made
 */
public record HuntOutcome(boolean caught, int runs, Judge judge, String reason, long seed, String options,
        long events) {

    /** Who caught a run (written in lower case in JSON). */
    public enum Judge {
        /** TLC rejected the trace. */
        TLC,
        /** Only the simulator's Java safety check (or an exception thrown by a node) stopped the run. */
        SIMULATOR,
        /** The run was safe and its trace accepted, but its liveness phase failed. */
        LIVENESS;

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
