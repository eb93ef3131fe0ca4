package org.jointraft.conformance.scenario;

/** A script could not go on (a wait timed out, a step was impossible); the message says what it waited for. */
public final class ScenarioFailure extends RuntimeException {
    public ScenarioFailure(String message) {
        super(message);
    }
}
