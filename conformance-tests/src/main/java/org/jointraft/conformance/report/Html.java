package org.jointraft.conformance.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jointraft.trace.TraceMembership;

/** Escaping for text and attribute values in HTML and inline SVG: every piece of data goes through here. */
final class Html {

    private Html() {
    }

    /** {@code s} with the five characters that can change markup replaced by their entities. */
    static String escape(Object s) {
        String text = String.valueOf(s);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A membership as people read it: {@code {1,2,3}}, joint {@code [{1,2},{2,3}]}, then any learners. */
    static String membership(TraceMembership m) {
        String configs = m.configs().stream().map(Html::set).collect(Collectors.joining(","));
        String text = m.configs().size() == 1 ? configs : "[" + configs + "]";
        return m.learners().isEmpty() ? text : text + " learners " + set(m.learners());
    }

    private static String set(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }

    /** A number for an SVG coordinate: at most one decimal, no locale. */
    static String num(double v) {
        String s = String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }
}
