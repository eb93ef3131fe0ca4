package org.jointraft.conformance.tlc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the text of a TLC state message (2217): a header {@code "3: <IncX line 7, col 9 to ... of module Toy>"}
 * and then {@code "/\ var = value"} lines; long values continue on indented lines.
 */
final class TlcStateParser {
    private static final Pattern HEADER = Pattern.compile("^(\\d+): (.*)$");
    private static final Pattern ACTION = Pattern.compile("^<(.*?)(?: (line \\d+, col \\d+ to line \\d+, col \\d+ of module \\S+))?>$");
    private static final Pattern ASSIGNMENT = Pattern.compile("^(?:/\\\\ )?([A-Za-z_][A-Za-z0-9_]*) = (.*)$", Pattern.DOTALL);

    private TlcStateParser() { }

    static TlcState parse(String text) {
        String[] lines = text.strip().split("\n", -1);
        Matcher header = HEADER.matcher(lines[0].strip());
        if (!header.matches()) {
            throw new IllegalArgumentException("not a TLC state: first line is '" + lines[0] + "'");
        }
        String label = header.group(2).strip();
        String action = label;
        String location = "";
        Matcher a = ACTION.matcher(label);
        if (a.matches()) {
            action = a.group(1).strip();
            location = a.group(2) == null ? "" : a.group(2);
        }
        return new TlcState(Integer.parseInt(header.group(1)), action, location, variables(lines, 1));
    }

    /** The variables of {@code lines[from..]}; a line that does not start a conjunct continues the previous value. */
    static Map<String, String> variables(String[] lines, int from) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean conjunctList = from < lines.length && lines[from].startsWith("/\\ ");
        StringBuilder current = null;
        for (int i = from; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            boolean startsNew = current == null || (conjunctList && line.startsWith("/\\ "));
            if (startsNew) {
                flush(current, values);
                current = new StringBuilder(line);
            } else {
                current.append('\n').append(line);
            }
        }
        flush(current, values);
        return values;
    }

    private static void flush(StringBuilder assignment, Map<String, String> values) {
        if (assignment == null) {
            return;
        }
        Matcher m = ASSIGNMENT.matcher(assignment.toString());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a variable assignment in a TLC state: '" + assignment + "'");
        }
        values.put(m.group(1), m.group(2).strip());
    }
}
