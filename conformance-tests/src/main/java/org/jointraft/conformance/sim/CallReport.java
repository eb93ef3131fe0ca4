package org.jointraft.conformance.sim;

import java.util.List;
import org.jointraft.core.CallOutcome;
import org.jointraft.core.Membership;
import org.jointraft.core.MembershipChange;

/**
 * What became of one membership call: what was asked ({@code operation}, {@code changes}/{@code retain}, or the
 * explicit {@code target}), of which node, when it started and ended (ticks; {@code endTick} -1 while pending), and its
 * outcome (null while pending).
 */
public record CallReport(long id, int node, String operation, List<MembershipChange> changes, boolean retain,
        Membership target, long startTick, long endTick, CallOutcome outcome) {

    public CallReport {
        changes = List.copyOf(changes);
    }

    public boolean pending() {
        return outcome == null;
    }

    /** {@code ok}, the error name, or {@code pending}. */
    public String result() {
        if (outcome == null) {
            return "pending";
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
