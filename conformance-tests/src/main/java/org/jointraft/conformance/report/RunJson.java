package org.jointraft.conformance.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * "target"?, "result", "membership"?, "detail"?}], "violation"}}; scenarios add their checks.
 */
public final class RunJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private RunJson() {
    }

    /** @param names call names by call id (scenarios), or an empty map */
    public static ObjectNode of(SimResult r, long seed, Map<Long, String> names) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("scenario", r.scenario());
        if (r.trace() == null) {
            o.putNull("trace");
        } else {
            o.put("trace", r.trace().toString());
        }
        o.put("events", r.events());
        o.put("ticks", r.ticks());
        o.put("seed", seed);
        ArrayNode nodes = o.putArray("nodes");
        r.nodes().forEach(nodes::add);
        o.set("finalMembership", membership(r.finalMembership()));
        ArrayNode calls = o.putArray("calls");
        for (CallReport c : r.calls()) {
            calls.add(call(c, names.get(c.id())));
        }
        SafetyViolation v = r.violation();
        if (v == null) {
            o.putNull("violation");
        } else {
            ObjectNode vo = o.putObject("violation");
            vo.put("rule", v.rule());
            vo.put("message", v.message());
            vo.put("tick", v.tick());
            vo.put("seq", v.seq());
        }
        return o;
    }

    public static ObjectNode membership(Membership m) {
        ObjectNode o = MAPPER.createObjectNode();
        ArrayNode configs = o.putArray("configs");
        for (SortedSet<Integer> c : m.configs()) {
            ArrayNode set = configs.addArray();
            c.forEach(set::add);
        }
        ArrayNode learners = o.putArray("learners");
        m.learners().forEach(learners::add);
        return o;
    }

    private static ObjectNode call(CallReport c, String name) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", c.id());
        if (name != null) {
            o.put("name", name);
        }
        o.put("node", c.node());
        o.put("operation", c.operation().traceName());
        ArrayNode changes = o.putArray("changes");
        for (MembershipChange ch : c.changes()) {
            ObjectNode co = changes.addObject();
            co.put("type", ch.getClass().getSimpleName());
            ArrayNode ids = co.putArray("nodes");
            ch.nodes().stream().sorted().forEach(ids::add);
        }
        o.put("retain", c.retain());
        if (c.target() != null) {
            o.set("target", membership(c.target()));
        }
        o.put("result", c.result());
        if (c.outcome() != null && c.outcome().ok()) {
            o.set("membership", membership(c.outcome().membership()));
        } else {
            o.putNull("membership");
            if (c.outcome() != null && c.outcome().detail() != null) {
                o.put("detail", c.outcome().detail());
            }
        }
        o.put("startTick", c.startTick());
        o.put("endTick", c.endTick());
        return o;
    }
}
