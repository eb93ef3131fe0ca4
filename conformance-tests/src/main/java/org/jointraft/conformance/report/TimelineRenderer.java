package org.jointraft.conformance.report;

import java.util.ArrayList;
import java.util.List;
import org.jointraft.cluster.NodeStatus;
import org.jointraft.conformance.sim.CallReport;
import org.jointraft.conformance.sim.ClusterNote;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.conformance.sim.TimelineRow;

/**
 * The membership timeline of a run as plain text: one column per node, one line each time some node's effective
 * membership (or whether it is committed there, or the node's status) changed, the simulator's own actions (crashes,
 * partitions, stopped nodes) in between, then every call with its outcome.
 *
 * <pre>
 *  tick  event | node 1         | node 2
 *     0      0 | {1}            | (empty log)
 *    17     12 | [{1},{1,2}] +  |
 * </pre>
 * {@code +} marks a membership that is in the node's log but not yet committed on that node.
 */
public final class TimelineRenderer {

    private TimelineRenderer() {
    }

    public static String render(SimResult r) {
        int n = r.nodes().size();
        int[] width = new int[n + 1];
        for (int id = 1; id <= n; id++) {
            width[id] = ("node " + id).length();
        }
        for (TimelineRow row : r.timeline()) {
            width[row.node()] = Math.max(width[row.node()], cell(row).length());
        }
        StringBuilder out = new StringBuilder();
        out.append("membership timeline (effective membership per node; + = not yet committed on that node)\n");
        StringBuilder head = new StringBuilder(String.format(" tick  event"));
        for (int id = 1; id <= n; id++) {
            head.append(" | ").append(pad("node " + id, width[id]));
        }
        out.append(head.toString().stripTrailing()).append('\n');
        List<Object> lines = merged(r.timeline(), r.notes());
        int i = 0;
        while (i < lines.size()) {
            Object first = lines.get(i);
            if (first instanceof ClusterNote note) {
                out.append(String.format("%5d %6d | -- %s%n", note.tick(), note.seq(), note.text()));
                i++;
                continue;
            }
            // rows of one tick and event go on one line
            TimelineRow row = (TimelineRow) first;
            String[] cells = new String[n + 1];
            while (i < lines.size() && lines.get(i) instanceof TimelineRow next && next.tick() == row.tick()
                    && next.seq() == row.seq()) {
                cells[next.node()] = cell(next);
                i++;
            }
            StringBuilder line = new StringBuilder(String.format("%5d %6d", row.tick(), row.seq()));
            for (int id = 1; id <= n; id++) {
                line.append(" | ").append(pad(cells[id] == null ? "" : cells[id], width[id]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        out.append("calls:\n");
        if (r.calls().isEmpty()) {
            out.append("  (none)\n");
        }
        for (CallReport c : r.calls()) {
            out.append(callLine(c)).append('\n');
        }
        out.append("final membership: ").append(r.finalMembership()).append('\n');
        return out.toString();
    }

    /** One call: {@code #1 node 1 change_membership AddVoters{2}, ticks 15..60: ok [{1},{1,2}]}. */
    public static String callLine(CallReport c) {
        String when = c.endTick() < 0 ? "from tick " + c.startTick() : "ticks " + c.startTick() + ".." + c.endTick();
        String result = c.result();
        if (c.outcome() != null && c.outcome().ok()) {
            result += " " + c.outcome().membership();
        } else if (c.outcome() != null && c.outcome().detail() != null) {
            result += " (" + c.outcome().detail() + ")";
        }
        return "  #" + c.id() + " node " + c.node() + " " + c.operation().traceName() + " " + c.request() + ", " + when
                + ": " + result;
    }

    private static String cell(TimelineRow row) {
        if (row.status() != NodeStatus.UP) {
            return row.status().name().toLowerCase(java.util.Locale.ROOT);
        }
        if (row.index() == 0) {
            return "(empty log)"; // no member entry at all: a node not yet added
        }
        return row.membership() + (row.committed() ? "" : " +");
    }

    private static List<Object> merged(List<TimelineRow> rows, List<ClusterNote> notes) {
        List<Object> all = new ArrayList<>(rows.size() + notes.size());
        int a = 0;
        int b = 0;
        while (a < rows.size() || b < notes.size()) {
            boolean takeNote = b < notes.size() && (a >= rows.size() || notes.get(b).seq() <= rows.get(a).seq()
                    && notes.get(b).tick() <= rows.get(a).tick());
            all.add(takeNote ? notes.get(b++) : rows.get(a++));
        }
        return all;
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
