package org.jointraft.conformance.sim;

/**
 * What the liveness phase of a run found.
 *
 * @param held true when every condition held, for the stability window, within the bound
 * @param ticks ticks the phase ran (to the end of the stability window when it held, else the bound)
 * @param bound the phase's bound in ticks (derived, or {@code --heal-ticks})
 * @param violation the condition that failed at the bound, or null when it held
 */
public record LivenessResult(boolean held, long ticks, long bound, LivenessViolation violation) {

    public String describe() {
        return held ? "liveness held: one stable leader, every call ended, every member's log equal and committed, "
                + ticks + " ticks after healing (bound " + bound + ")"
                : "LIVENESS FAILED within " + bound + " ticks after healing: " + violation.condition() + ": "
                        + violation.detail();
    }
}
