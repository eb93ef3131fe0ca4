package org.jointraft.conformance.scenario;

import java.util.List;
import java.util.Map;
import org.jointraft.conformance.sim.CallReport;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.core.Membership;

/**
 * What a scenario's checks look at: the run, its calls by name, facts the script recorded, and the memberships of
 * every member entry in the log of the final leader (or the most advanced node), in log order.
 */
public record ScenarioOutcome(SimResult run, Map<String, CallReport> calls, Map<String, String> facts,
        List<Membership> logMemberships, String scriptError) {

    public ScenarioOutcome {
        calls = Map.copyOf(calls);
        facts = Map.copyOf(facts);
        logMemberships = List.copyOf(logMemberships);
    }

    public CallReport call(String name) {
        CallReport c = calls.get(name);
        if (c == null) {
            throw new IllegalArgumentException("the script made no call named '" + name + "'");
        }
        return c;
    }

    /** {@code ok}, an error name, or {@code pending}. */
    public String result(String name) {
        return call(name).result();
    }

    /** Whether the named call succeeded with exactly {@code m}. */
    public boolean endedOn(String name, Membership m) {
        CallReport c = call(name);
        return c.outcome() != null && c.outcome().ok() && c.outcome().membership().equals(m);
    }

    public Membership finalMembership() {
        return run.finalMembership();
    }

    public String fact(String key) {
        return facts.get(key);
    }

    /** A short account of a call for failure details: {@code ok [{1},{1,2}]} or {@code not_leader}. */
    public String describe(String name) {
        CallReport c = calls.get(name);
        if (c == null) {
            return "no call '" + name + "'";
        }
        return c.result() + (c.outcome() != null && c.outcome().ok() ? " " + c.outcome().membership() : "");
    }
}
