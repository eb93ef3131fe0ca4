package org.jointraft.conformance.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.jointraft.conformance.sim.CallReport;
import org.jointraft.conformance.sim.SafetyViolation;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipChange;

/**
 * The {@code --json} form of a run: {@code {"scenario", "trace", "events", "ticks", "seed", "nodes",
 * "finalMembership": {"configs", "learners"}, "calls": [{"id", "name"?, "node", "operation", "changes", "retain",
 * "target"?, "result", "membership", "detail"?, "startTick", "endTick"}], "violation"}}; the commands wrap it (with
 * {@code @JsonUnwrapped}) to add their own fields. Fields marked ? are left out when they have no value; the others
 * are written as null.
 */
public record RunJson(String scenario, String trace, long events, long ticks, long seed, List<Integer> nodes,
        MembershipJson finalMembership, List<CallJson> calls, SafetyViolation violation) {

    /** @param names call names by call id (scenarios), or an empty map */
    public static RunJson of(SimResult r, long seed, Map<Long, String> names) {
        return new RunJson(r.scenario(), r.trace() == null ? null : r.trace().toString(), r.events(), r.ticks(), seed,
                r.nodes(), MembershipJson.of(r.finalMembership()),
                r.calls().stream().map(c -> CallJson.of(c, names.get(c.id()))).toList(), r.violation());
    }

    /** A membership: its configs (one, or two while joint) and its learners. */
    public record MembershipJson(List<SortedSet<Integer>> configs, SortedSet<Integer> learners) {
        public static MembershipJson of(Membership m) {
            return m == null ? null : new MembershipJson(m.configs(), m.learners());
        }
    }

    /** One change of a call, e.g. {@code {"type": "AddVoters", "nodes": [4]}}. */
    public record ChangeJson(String type, List<Integer> nodes) {
        static ChangeJson of(MembershipChange c) {
            return new ChangeJson(c.getClass().getSimpleName(), c.nodes().stream().sorted().toList());
        }
    }

    /** One membership call; {@code membership} is the call's result when it succeeded, else null with a detail. */
    public record CallJson(long id, @JsonInclude(JsonInclude.Include.NON_NULL) String name, int node, String operation,
            List<ChangeJson> changes, boolean retain, @JsonInclude(JsonInclude.Include.NON_NULL) MembershipJson target,
            String result, MembershipJson membership, @JsonInclude(JsonInclude.Include.NON_NULL) String detail,
            long startTick, long endTick) {

        static CallJson of(CallReport c, String name) {
            boolean ok = c.outcome() != null && c.outcome().ok();
            return new CallJson(c.id(), name, c.node(), c.operation().traceName(), c.changes().stream().map(ChangeJson::of).toList(),
                    c.retain(), MembershipJson.of(c.target()), c.result(),
                    ok ? MembershipJson.of(c.outcome().membership()) : null,
                    ok || c.outcome() == null ? null : c.outcome().detail(), c.startTick(), c.endTick());
        }
    }
}
