package org.jointraft.conformance.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.core.Role;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceMembership;
import org.jointraft.trace.TraceState;

/**
 * The membership timeline of a trace as inline SVG: x is the event index, one lane per node. A lane is split where
 * the node's logged effective membership, whether that membership is committed on the node, or whether the node is
 * a learner in it changes. Each membership has a colour; joint memberships are hatched, uncommitted ones pale,
 * learner periods outlined with dashes; a dark strip marks leadership, a triangle a restart, a red line the first
 * unmatched event. Drawn from the trace alone, so {@code check} reports get one as well as hunts.
 */
final class SvgTimeline {
    private static final int LEFT = 70;
    private static final int WIDTH = 1200;
    private static final int LANE = 28;
    private static final int GAP = 12;
    private static final int TOP = 24;

    /** A stretch of events over which a node's lane looks the same; {@code to} is exclusive. */
    private record Segment(int from, int to, TraceMembership membership, boolean committed, boolean learner) {
    }

    private SvgTimeline() {
    }

    /**
     * @param id         unique in the page; names the SVG's hatch pattern
     * @param failingSeq the seq of the first unmatched event, or 0
     */
    static String render(Trace trace, int failingSeq, String id) {
        List<TraceEvent> events = trace.events();
        List<Integer> nodes = trace.header().nodes();
        int n = Math.max(1, events.size());
        double scale = (WIDTH - LEFT - 20) / (double) n;
        Map<TraceMembership, String> colours = new LinkedHashMap<>();
        int height = TOP + nodes.size() * (LANE + GAP) + 24;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"timeline\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"membership timeline\">\n");
        String hatch = id + "-hatch";
        svg.append("<defs><pattern id=\"").append(hatch).append("\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\""
                + " patternTransform=\"rotate(45)\"><rect width=\"2\" height=\"6\" fill=\"#000\" fill-opacity=\"0.35\"/>"
                + "</pattern></defs>\n");
        for (int k = 0; k < nodes.size(); k++) {
            int node = nodes.get(k);
            double y = TOP + k * (LANE + GAP);
            svg.append("<text class=\"lane-label\" x=\"4\" y=\"").append(Html.num(y + LANE / 2.0 + 4)).append("\">node ")
                    .append(node).append("</text>\n");
            svg.append("<rect class=\"lane\" x=\"").append(LEFT).append("\" y=\"").append(Html.num(y)).append("\" width=\"")
                    .append(Html.num(n * scale)).append("\" height=\"").append(LANE).append("\"><title>node ").append(node)
                    .append(": no state logged yet</title></rect>\n");
            for (Segment s : segments(events, node)) {
                segment(svg, s, node, y, scale, colours, hatch);
            }
            marks(svg, events, node, y, scale);
        }
        axis(svg, n, scale, TOP + nodes.size() * (LANE + GAP));
        if (failingSeq > 0) {
            double x = LEFT + (failingSeq - 0.5) * scale;
            svg.append("<line class=\"failing-event\" x1=\"").append(Html.num(x)).append("\" y1=\"").append(TOP - 8)
                    .append("\" x2=\"").append(Html.num(x)).append("\" y2=\"").append(TOP + nodes.size() * (LANE + GAP))
                    .append("\"><title>first unmatched event #").append(failingSeq).append("</title></line>\n");
        }
        svg.append("</svg>\n");
        return svg + legend(colours);
    }

    private static List<Segment> segments(List<TraceEvent> events, int node) {
        List<Segment> out = new ArrayList<>();
        Segment open = null;
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).node() != node || !(events.get(i) instanceof TraceEvent.NodeEvent e)) {
                continue;
            }
            TraceState s = e.state();
            boolean committed = s.membershipIndex() <= s.commitIndex();
            boolean learner = s.membership().learners().contains(node);
            if (open == null || !open.membership().equals(s.membership()) || open.committed() != committed
                    || open.learner() != learner) {
                if (open != null) {
                    out.add(new Segment(open.from(), i, open.membership(), open.committed(), open.learner()));
                }
                open = new Segment(i, -1, s.membership(), committed, learner);
            }
        }
        if (open != null) {
            out.add(new Segment(open.from(), events.size(), open.membership(), open.committed(), open.learner()));
        }
        return out;
    }

    private static void segment(StringBuilder svg, Segment s, int node, double y, double scale,
            Map<TraceMembership, String> colours, String hatch) {
        String colour = colours.computeIfAbsent(s.membership(), m -> colour(colours.size()));
        double x = LEFT + s.from() * scale;
        double w = Math.max(1, (s.to() - s.from()) * scale);
        boolean joint = s.membership().configs().size() > 1;
        String text = Html.membership(s.membership());
        String title = "node " + node + ", events " + (s.from() + 1) + "-" + s.to() + ": " + text
                + (s.committed() ? "" : " (not yet committed on this node)") + (s.learner() ? " (a learner)" : "");
        svg.append("<g class=\"segment").append(joint ? " joint" : "").append(s.learner() ? " learner" : "")
                .append(s.committed() ? "" : " uncommitted").append("\"><title>").append(Html.escape(title)).append("</title>");
        String box = "x=\"" + Html.num(x) + "\" y=\"" + Html.num(y) + "\" width=\"" + Html.num(w) + "\" height=\"" + LANE + "\"";
        svg.append("<rect ").append(box).append(" fill=\"").append(colour).append("\" fill-opacity=\"")
                .append(s.committed() ? "1" : "0.45").append("\"/>");
        if (joint) {
            svg.append("<rect ").append(box).append(" fill=\"url(#").append(hatch).append(")\"/>");
        }
        if (s.learner()) {
            svg.append("<rect ").append(box).append(" fill=\"none\" stroke=\"#222\" stroke-dasharray=\"4 3\"/>");
        }
        String label = text + (s.learner() ? " (learner)" : "");
        if (w > label.length() * 6.2 + 6) {
            svg.append("<text class=\"segment-label\" x=\"").append(Html.num(x + 3)).append("\" y=\"")
                    .append(Html.num(y + LANE / 2.0 + 4)).append("\">").append(Html.escape(label)).append("</text>");
        }
        svg.append("</g>\n");
    }

    /** The k-th membership's colour: hues a golden angle apart, so even many memberships stay apart. */
    static String colour(int k) {
        return "hsl(" + Math.round(k * 137.508 % 360) + ",60%,72%)";
    }

    /** Leadership strips and restart triangles on one lane. */
    private static void marks(StringBuilder svg, List<TraceEvent> events, int node, double y, double scale) {
        int leaderFrom = -1;
        for (int i = 0; i <= events.size(); i++) {
            boolean leader = i < events.size() ? leaderAt(events.get(i), node, leaderFrom >= 0) : false;
            if (leader && leaderFrom < 0) {
                leaderFrom = i;
            } else if (!leader && leaderFrom >= 0) {
                svg.append("<rect class=\"leader\" x=\"").append(Html.num(LEFT + leaderFrom * scale)).append("\" y=\"")
                        .append(Html.num(y)).append("\" width=\"").append(Html.num(Math.max(1, (i - leaderFrom) * scale)))
                        .append("\" height=\"4\"><title>node ").append(node).append(" is leader, events ").append(leaderFrom + 1)
                        .append('-').append(i).append("</title></rect>\n");
                leaderFrom = -1;
            }
            if (i < events.size() && events.get(i).node() == node && events.get(i) instanceof TraceEvent.Restart) {
                double x = LEFT + (i + 0.5) * scale;
                svg.append("<path class=\"restart\" d=\"M").append(Html.num(x)).append(' ').append(Html.num(y + LANE))
                        .append(" l-5 8 l10 0 z\"><title>node ").append(node).append(" restarts at event #").append(i + 1)
                        .append("</title></path>\n");
            }
        }
    }

    /** Whether the node is leader after event {@code e} (events of other nodes keep what it was). */
    private static boolean leaderAt(TraceEvent e, int node, boolean before) {
        if (e.node() == node && e instanceof TraceEvent.NodeEvent ne) {
            return ne.state().role() == Role.LEADER;
        }
        return before;
    }

    private static void axis(StringBuilder svg, int n, double scale, double y) {
        int step = niceStep(n / 10.0);
        svg.append("<g class=\"axis\">");
        for (int t = 0; t <= n; t += step) {
            double x = LEFT + t * scale;
            svg.append("<line x1=\"").append(Html.num(x)).append("\" y1=\"").append(Html.num(y - 6)).append("\" x2=\"")
                    .append(Html.num(x)).append("\" y2=\"").append(Html.num(y - 2)).append("\"/><text x=\"").append(Html.num(x))
                    .append("\" y=\"").append(Html.num(y + 10)).append("\" text-anchor=\"middle\">").append(t).append("</text>");
        }
        svg.append("<text x=\"").append(LEFT + n * scale).append("\" y=\"").append(Html.num(y + 22))
                .append("\" text-anchor=\"end\">event index</text></g>\n");
    }

    /** 1, 2, 5, 10, 20, 50, ... at least {@code raw}. */
    static int niceStep(double raw) {
        int step = 1;
        while (true) {
            for (int m : new int[] {1, 2, 5}) {
                if (step * m >= raw) {
                    return step * m;
                }
            }
            step *= 10;
        }
    }

    private static String legend(Map<TraceMembership, String> colours) {
        StringBuilder out = new StringBuilder("<ul class=\"legend\">");
        colours.forEach((m, c) -> out.append("<li><span class=\"swatch").append(m.configs().size() > 1 ? " joint" : "")
                .append("\" style=\"background:").append(c).append("\"></span>").append(Html.escape(Html.membership(m)))
                .append(m.configs().size() > 1 ? " (joint)" : "").append("</li>"));
        out.append("<li>pale: not yet committed on that node</li><li>dashed outline: the node is a learner</li>"
                + "<li><span class=\"swatch leader\"></span>leader</li><li>&#9650; restart</li>"
                + "<li><span class=\"swatch failing\"></span>first unmatched event</li></ul>\n");
        return out.toString();
    }
}
