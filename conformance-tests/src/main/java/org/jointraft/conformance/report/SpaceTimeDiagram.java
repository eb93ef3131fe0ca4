package org.jointraft.conformance.report;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.trace.MessageRole;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceMessage;
import org.jointraft.trace.TraceVocabulary;

/**
 * A space-time diagram of a window of a trace as inline SVG: one column per node, time (event order) downward, each
 * event a dot in its node's column, each delivered message an arrow from its send to its receive, each dropped one a
 * dashed arrow ending in a cross. Sends and receives are paired by message content, first sent first taken, as the
 * spec's message bag allows (equal messages are copies); a duplicate puts the copy back with the original's send.
 * The whole trace is replayed for the pairing, so a message sent before the window enters from its top edge.
 */
final class SpaceTimeDiagram {
    /** Events shown before the focus event, and after it. */
    static final int BEFORE = 30;
    static final int AFTER = 6;
    private static final int ROW = 22;
    private static final int TOP = 40;
    private static final int LEFT = 50;

    /**
     * A message's path: the event (list index) that sent it, or -1 when unknown, and the event that took it, or -1
     * when it is still in flight after the window.
     */
    private record Arrow(int send, int take, TraceMessage msg, MessageRole role) {
    }

    private SpaceTimeDiagram() {
    }

    /** The first and last (inclusive) list indexes shown around event {@code focus} (a list index). */
    static int[] window(int size, int focus) {
        return new int[] {Math.max(0, focus - BEFORE), Math.min(size - 1, focus + AFTER)};
    }

    /**
     * @param focus     list index of the event the window is centred on
     * @param highlight whether that event is the first unmatched one (drawn highlighted)
     */
    static String render(Trace trace, int focus, boolean highlight) {
        List<TraceEvent> events = trace.events();
        List<Integer> nodes = trace.header().nodes();
        int[] w = window(events.size(), focus);
        int colWidth = Math.max(70, Math.min(170, 1000 / Math.max(1, nodes.size())));
        int width = LEFT + nodes.size() * colWidth + 240;
        int height = TOP + (w[1] - w[0] + 1) * ROW + 20;
        Map<Integer, Double> column = new HashMap<>();
        for (int k = 0; k < nodes.size(); k++) {
            column.put(nodes.get(k), LEFT + (k + 0.5) * colWidth);
        }
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"spacetime\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"space-time diagram\">\n");
        svg.append("<defs><marker id=\"arrow-").append(focus).append("\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\""
                + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0 0 L10 5 L0 10 z\"/>"
                + "</marker></defs>\n");
        for (int node : nodes) {
            double x = column.get(node);
            svg.append("<text class=\"column-label\" x=\"").append(Html.num(x)).append("\" y=\"16\" text-anchor=\"middle\">node ")
                    .append(node).append("</text><line class=\"lifeline\" x1=\"").append(Html.num(x)).append("\" y1=\"24\" x2=\"")
                    .append(Html.num(x)).append("\" y2=\"").append(height - 8).append("\"/>\n");
        }
        if (highlight) {
            svg.append("<rect class=\"failing-event\" id=\"failing-event\" x=\"0\" y=\"").append(Html.num(y(focus, w) - ROW / 2.0))
                    .append("\" width=\"").append(width).append("\" height=\"").append(ROW).append("\"/>\n");
        }
        for (Arrow a : arrows(events, w)) {
            if (a.take() >= w[0] || a.take() < 0) {
                arrow(svg, a, column, w, focus);
            }
        }
        for (int i = w[0]; i <= w[1]; i++) {
            event(svg, events.get(i), i, column.get(events.get(i).node()), y(i, w), highlight && i == focus);
        }
        return svg.append("</svg>\n<ul class=\"legend\"><li>arrow: a message from its send to its receive (RV, RVR, AE, AER"
                + " and its term)</li><li>dotted: sent before the window, or not yet received at its end</li>"
                + "<li>red dashes ending in &#215;: dropped</li><li>red: the first unmatched event</li></ul>\n").toString();
    }

    private static double y(int index, int[] w) {
        return TOP + (index - w[0]) * ROW + ROW / 2.0;
    }

    /**
     * Every message taken by events up to the window's end, paired with the send of an equal copy, then the messages
     * sent in the window and still in flight after it.
     */
    private static List<Arrow> arrows(List<TraceEvent> events, int[] w) {
        int last = w[1];
        Map<TraceMessage, Deque<Integer>> inFlight = new HashMap<>();
        List<Arrow> arrows = new ArrayList<>();
        for (int i = 0; i <= last; i++) {
            TraceEvent e = events.get(i);
            for (TraceVocabulary.Field f : TraceVocabulary.of(e).fields()) {
                MessageRole role = f.role();
                if (role == null) {
                    continue;
                }
                TraceMessage msg = (TraceMessage) f.get(e);
                Deque<Integer> copies = inFlight.computeIfAbsent(msg, m -> new ArrayDeque<>());
                if (role.takes()) {
                    Integer send = copies.pollFirst();
                    arrows.add(new Arrow(send == null ? -1 : send, i, msg, role));
                    for (int k = 0; k < role.adds(); k++) {
                        copies.addLast(send == null ? -1 : send);
                    }
                } else {
                    for (int k = 0; k < role.adds(); k++) {
                        copies.addLast(i);
                    }
                }
            }
        }
        inFlight.forEach((msg, copies) -> copies.stream().distinct().filter(send -> send >= w[0])
                .forEach(send -> arrows.add(new Arrow(send, -1, msg, MessageRole.SENT))));
        return arrows;
    }

    private static void arrow(StringBuilder svg, Arrow a, Map<Integer, Double> column, int[] w, int focus) {
        if (a.role() == MessageRole.COPIED) {
            return; // the duplicate's own dot says it; its copy is drawn when it is taken
        }
        boolean dropped = a.role() == MessageRole.LOST;
        boolean pending = a.take() < 0;
        double x1 = column.getOrDefault(a.msg().source(), (double) LEFT);
        double y1 = a.send() >= w[0] ? y(a.send(), w) : TOP - 6;
        double x2 = column.getOrDefault(a.msg().dest(), (double) LEFT);
        double y2 = y(a.take(), w);
        if (pending) {
            // a stub pointing at the destination: the receive, if any, comes after the window
            x2 = x1 + (x2 - x1) * 0.3;
            y2 = y1 + ROW * 1.2;
        }
        String title = describe(a.msg()) + (a.send() < 0 ? ", no earlier send of an equal message"
                : ", sent at #" + (a.send() + 1)) + (pending ? ", not yet received at #" + (w[1] + 1)
                : (dropped ? ", dropped at #" : ", received at #") + (a.take() + 1));
        svg.append("<g class=\"message").append(dropped ? " dropped" : "").append(a.send() < w[0] ? " from-earlier" : "")
                .append(pending ? " in-flight" : "").append("\"><title>").append(Html.escape(title)).append("</title>");
        if (dropped) {
            double ex = x1 + (x2 - x1) * 0.8;
            double ey = y1 + (y2 - y1) * 0.8;
            svg.append(line(x1, y1, ex, ey, "")).append("<path class=\"drop\" d=\"M").append(Html.num(ex - 5)).append(' ')
                    .append(Html.num(ey - 5)).append(" l10 10 m0 -10 l-10 10\"/>");
        } else {
            svg.append(line(x1, y1, x2, y2, " marker-end=\"url(#arrow-" + focus + ")\""));
        }
        if (!pending) {
            svg.append("<text class=\"message-label\" x=\"").append(Html.num(x1 + (x2 - x1) * 0.35)).append("\" y=\"")
                    .append(Html.num(y1 + (y2 - y1) * 0.35 - 3)).append("\">").append(Html.escape(shortName(a.msg())))
                    .append("</text>");
        }
        svg.append("</g>\n");
    }

    private static String line(double x1, double y1, double x2, double y2, String extra) {
        return "<line x1=\"" + Html.num(x1) + "\" y1=\"" + Html.num(y1) + "\" x2=\"" + Html.num(x2) + "\" y2=\""
                + Html.num(y2) + "\"" + extra + "/>";
    }

    private static void event(StringBuilder svg, TraceEvent e, int i, double x, double y, boolean failing) {
        svg.append("<g class=\"event").append(failing ? " failing" : "").append("\"><title>").append(Html.escape("#" + (i + 1)
                + " " + e)).append("</title><text class=\"seq\" x=\"4\" y=\"").append(Html.num(y + 4)).append("\">#")
                .append(i + 1).append("</text><circle cx=\"").append(Html.num(x)).append("\" cy=\"").append(Html.num(y))
                .append("\" r=\"").append(failing ? 6 : 4).append("\"/><text class=\"event-label\" x=\"").append(Html.num(x + 9))
                .append("\" y=\"").append(Html.num(y + 4)).append("\">").append(Html.escape(e.event())).append("</text></g>\n");
    }

    /** E.g. {@code AE t3}: the message type's capitals and its term. */
    static String shortName(TraceMessage m) {
        return m.type().replaceAll("[a-z]", "") + " t" + m.term();
    }

    private static String describe(TraceMessage m) {
        return m.type() + " term " + m.term() + " from node " + m.source() + " to node " + m.dest();
    }
}
