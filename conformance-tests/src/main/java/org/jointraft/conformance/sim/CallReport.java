package org.jointraft.conformance.sim;

import java.util.List;
import org.jointraft.core.CallOperation;
import org.jointraft.core.CallOutcome;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipChange;

/**
 * What became of one membership call: what was asked ({@code operation}, {@code changes}/{@code retain}, or the
 * explicit {@code target}), of which node, when it started and ended (ticks; {@code endTick} -1 while pending), and its
 * outcome (null while pending or when abandoned). {@code abandoned} is null, or why the client gave up on the call
 * without an answer ({@code node_stopped}: the node it was made to was shut down after being removed).
 */
public record CallReport(long id, int node, CallOperation operation, List<MembershipChange> changes, boolean retain,
        Membership target, long startTick, long endTick, CallOutcome outcome, String abandoned) {

    public CallReport {
        changes = List.copyOf(changes);
    }

    public boolean pending() {
        return outcome == null && abandoned == null;
    }

    /** {@code ok}, the error name, the abandon reason, or {@code pending}. */
    public String result() {
        if (outcome == null) {
            return abandoned != null ? abandoned : "pending";
        }
        return outcome.ok() ? "ok" : outcome.error().traceName();
    }

    /** What was asked, e.g. {@code AddVoters{2}} or {@code propose [{1,2,3},{2,3,5}]}. */
    public String request() {
        if (target != null) {
            return "propose " + target;
        }
        StringBuilder sb = new StringBuilder();
        for (MembershipChange c : changes) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(c.getClass().getSimpleName()).append(c.nodes().toString().replace('[', '{').replace(']', '}')
                    .replace(" ", ""));
        }
        return sb + (retain ? " retain" : "");
    }
}
