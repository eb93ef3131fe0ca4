package org.jointraft.conformance.scenario;

import java.util.List;

/** A scenario run and the verdict of each of its checks. */
public record ScenarioResult(Scenario scenario, ScenarioOutcome outcome, List<CheckResult> checks) {

    /** One check: passed or not, with what was found when it failed. */
    public record CheckResult(String description, boolean passed, String detail) {
    }

    public ScenarioResult {
        checks = List.copyOf(checks);
    }

    /** Safety held, the script ran to its end, and every check passed. */
    public boolean passed() {
        return outcome.run().safe() && outcome.scriptError() == null && checks.stream().allMatch(CheckResult::passed);
    }

    public List<CheckResult> failures() {
        return checks.stream().filter(c -> !c.passed()).toList();
    }
}
