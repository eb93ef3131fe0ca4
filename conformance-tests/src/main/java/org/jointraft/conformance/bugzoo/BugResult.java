package org.jointraft.conformance.bugzoo;

/**
 * One bug's row of the zoo: {@code bugzoo --json} prints these fields.
 *
 * @param name    the bug's file name without {@code .bug}
 * @param caught  whether a run of the hunt was caught
 * @param runs    runs until caught, or all runs made
 * @param seconds wall time of the bug (patch, compile, hunt)
 * @param reason  first line of the diagnosis (TLC's, or the simulator's, saying so); empty when not caught
 * @param judge   who caught it, or null
 * @param seed    seed of the caught run (0 when not caught); replay with {@code simulate --seed S} and the options
 * @param options simulator options of the caught run
 */
public record BugResult(String name, boolean caught, int runs, double seconds, String reason, HuntOutcome.Judge judge, long seed,
        String options) {

    static BugResult of(Bug bug, HuntOutcome o, double seconds) {
        return new BugResult(bug.name(), o.caught(), o.runs(), seconds, o.reason(), o.judge(), o.seed(), o.options());
    }
}
