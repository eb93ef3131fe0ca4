package org.jointraft.conformance.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the model-check driver reads in a cfg file: its witness lines ({@code \* witness: NAME}, NAME a state
 * predicate TRUE in the state to reach), its real invariants (the INVARIANT and INVARIANTS sections), and the
 * header lines {@code \* mode: simulate} and {@code \* depth: N} among its first comment lines.
 *
 * @param name       the cfg file's name (for messages)
 * @param text       the cfg as written
 * @param witnesses  witness predicates, in order
 * @param invariants the cfg's invariants, in order
 * @param properties the cfg's temporal properties (the PROPERTY and PROPERTIES sections), in order
 * @param simulate   {@code \* mode: simulate}: TLC's simulation mode for a time budget instead of breadth-first search
 * @param depth      {@code \* depth: N}: the depth of each simulated behaviour
 */
public record ModelCheckCfg(String name, String text, List<String> witnesses, List<String> invariants,
                            List<String> properties, boolean simulate, OptionalInt depth) {
    private static final Pattern WITNESS = Pattern.compile("^\\s*\\\\\\*\\s*witness:(.*)$", Pattern.MULTILINE);
    private static final Pattern HEADER = Pattern.compile("^\\s*\\\\\\*\\s*(mode|depth):(.*)$");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Every keyword that starts a section of a TLC cfg file. */
    private static final Pattern KEYWORD = Pattern.compile("(?<![A-Za-z0-9_])(CONSTANTS?|INIT|NEXT|SPECIFICATION|"
            + "INVARIANTS?|PROPERT(?:Y|IES)|CONSTRAINTS?|ACTION_CONSTRAINTS?|SYMMETRY|VIEW|CHECK_DEADLOCK|ALIAS|"
            + "POSTCONDITION)(?![A-Za-z0-9_])");

    public ModelCheckCfg {
        witnesses = List.copyOf(witnesses);
        invariants = List.copyOf(invariants);
        properties = List.copyOf(properties);
    }

    /** Reads {@code text}; a malformed witness or header line is a setup error naming the cfg. */
    public static ModelCheckCfg parse(String name, String text) {
        String unix = text.replace("\r\n", "\n");
        List<String> witnesses = new ArrayList<>();
        Matcher m = WITNESS.matcher(unix);
        while (m.find()) {
            String w = m.group(1).strip();
            if (!NAME.matcher(w).matches()) {
                throw new TlcSetupException(name + ": '\\* witness:' must name one state predicate, found '" + w + "'");
            }
            witnesses.add(w);
        }
        boolean simulate = false;
        OptionalInt depth = OptionalInt.empty();
        for (String line : unix.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher h = HEADER.matcher(line);
            if (!line.strip().startsWith("\\*")) {
                break; // the header is the comment lines before the first section
            }
            if (!h.matches()) {
                continue;
            }
            String value = h.group(2).strip();
            if (h.group(1).equals("mode")) {
                if (!value.equals("simulate") && !value.equals("check")) {
                    throw new TlcSetupException(name + ": '\\* mode:' must be simulate or check, found '" + value + "'");
                }
                simulate = value.equals("simulate");
            } else {
                if (!value.matches("[1-9][0-9]{0,8}")) {
                    throw new TlcSetupException(name + ": '\\* depth:' must be a positive number, found '" + value + "'");
                }
                depth = OptionalInt.of(Integer.parseInt(value));
            }
        }
        String code = withoutComments(unix);
        return new ModelCheckCfg(name, unix, witnesses, names(code, "INVARIANT"), names(code, "PROPERT"), simulate,
                depth);
    }

    /** The names listed in the sections whose keyword starts with {@code keyword}. */
    private static List<String> names(String code, String keyword) {
        List<String> names = new ArrayList<>();
        for (int[] section : sections(code, keyword)) {
            for (String token : code.substring(section[1], section[2]).strip().split("\\s+")) {
                if (!token.isEmpty()) {
                    names.add(token);
                }
            }
        }
        return names;
    }

    /** The cfg without its INVARIANT(S) sections (comments and everything else kept as written). */
    public String textWithoutInvariants() {
        String code = withoutComments(text);
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int[] section : sections(code, "INVARIANT")) {
            out.append(text, from, section[0]);
            from = section[2];
        }
        return out.append(text.substring(from)).toString();
    }

    /** For each section whose keyword starts with {@code keyword}: where the keyword starts, its names start, it ends. */
    private static List<int[]> sections(String code, String keyword) {
        List<int[]> sections = new ArrayList<>();
        Matcher k = KEYWORD.matcher(code);
        int[] open = null;
        while (k.find()) {
            if (open != null) {
                open[2] = k.start();
                sections.add(open);
                open = null;
            }
            if (k.group(1).startsWith(keyword)) {
                open = new int[] {k.start(), k.end(), code.length()};
            }
        }
        if (open != null) {
            sections.add(open);
        }
        return sections;
    }

    /** The text with comments ({@code \*} to the end of the line, {@code (* ... *)}) blanked, offsets kept. */
    static String withoutComments(String text) {
        char[] c = text.toCharArray();
        for (int i = 0; i < c.length; i++) {
            if (c[i] == '"') {
                for (i++; i < c.length && c[i] != '"'; i++) { /* skip the string */ }
            } else if (c[i] == '\\' && i + 1 < c.length && c[i + 1] == '*') {
                for (; i < c.length && c[i] != '\n'; i++) {
                    c[i] = ' ';
                }
            } else if (c[i] == '(' && i + 1 < c.length && c[i + 1] == '*') {
                int end = text.indexOf("*)", i + 2);
                end = end < 0 ? c.length : end + 2;
                for (; i < end; i++) {
                    c[i] = c[i] == '\n' ? '\n' : ' ';
                }
                i--;
            }
        }
        return new String(c);
    }
}
