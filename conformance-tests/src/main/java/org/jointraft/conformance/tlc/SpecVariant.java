package org.jointraft.conformance.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately broken copy of the spec, read from a {@code .variant} file: a description of the
 * rule it breaks, the invariant that must catch it, the cfg to check it with, and replace/with
 * blocks applied to the spec text. Format:
 * <pre>
 * \* one-line description of the rule the variant breaks
 * \* expect: InvariantName
 * \* cfg: MCJointRaft_ci.cfg
 * \* module: MCJointRaft          (optional; this is the default)
 * \* file: JointRaftClient.tla     (optional; the file the blocks edit, default the runner's: JointRaft.tla)
 * \* search: simulate seed=1 depth=60  (optional; default: TLC's breadth-first search)
 * ---- replace
 * exact text of that file
 * ---- with
 * new text
 * ----
 * </pre>
 */
public record SpecVariant(String name, String description, String expectedInvariant, String cfg, String module,
                          String file, Search search, List<Replacement> replacements) {

    public static final String DEFAULT_MODULE = "MCJointRaft";
    private static final Pattern UNKNOWN_KEY = Pattern.compile("^\\\\\\*\\s*([a-z]+):\\s.*");
    private static final Pattern HEADER = Pattern.compile("^\\\\\\*\\s*(?:(expect|cfg|module|file|search):\\s*)?(.*?)\\s*$");

    /** The file the blocks edit: the variant's {@code file:} header, else {@code defaultFile}. */
    public String fileOr(String defaultFile) {
        return file == null ? defaultFile : file;
    }

    /** One replace/with block; {@code line} is where its "---- replace" stands in the file. */
    public record Replacement(int line, String replace, String with) { }

    /**
     * How TLC searches for the variant's violation: breadth-first (the default, exhaustive up to the cfg's bounds) or
     * TLC's simulation mode ({@code -simulate -seed seed -depth depth}: random behaviours of at most {@code depth}
     * states, reproducible with one worker), which finds violations too deep for breadth-first search.
     */
    public record Search(boolean simulate, long seed, int depth) {
        public static final Search BREADTH_FIRST = new Search(false, 0, 0);
        private static final Pattern SIMULATE = Pattern.compile("simulate\\s+seed=(-?\\d+)\\s+depth=(\\d+)");

        /** The TLC options of this search mode (none for breadth-first). */
        public List<String> tlcOptions() {
            return simulate ? List.of("-simulate", "-seed", Long.toString(seed), "-depth", Integer.toString(depth))
                    : List.of();
        }

        /** "breadth-first" or "simulate seed=S depth=D", as the header writes it. */
        @Override
        public String toString() {
            return simulate ? "simulate seed=" + seed + " depth=" + depth : "breadth-first";
        }

        static Search parse(String variant, int line, String value) {
            if (value.equals("breadth-first")) {
                return BREADTH_FIRST;
            }
            Matcher m = SIMULATE.matcher(value);
            if (!m.matches()) {
                throw error(variant, line, "search header '" + value
                        + "' is not 'breadth-first' or 'simulate seed=<integer> depth=<integer>'");
            }
            int depth;
            long seed;
            try {
                seed = Long.parseLong(m.group(1));
                depth = Integer.parseInt(m.group(2));
            } catch (NumberFormatException e) {
                throw error(variant, line, "search header '" + value + "': seed or depth out of range");
            }
            if (depth < 1) {
                throw error(variant, line, "search header '" + value + "': depth must be at least 1");
            }
            return new Search(true, seed, depth);
        }
    }

    public SpecVariant {
        search = search == null ? Search.BREADTH_FIRST : search;
        replacements = List.copyOf(replacements);
    }

    /** Reads the text of {@code <name>.variant}; every problem names the variant and the line. */
    public static SpecVariant parse(String name, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        String description = null;
        String expect = null;
        String cfg = null;
        String module = DEFAULT_MODULE;
        String file = null;
        Search search = Search.BREADTH_FIRST;
        int i = 0;
        for (; i < lines.length && !lines[i].strip().startsWith("----"); i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = HEADER.matcher(line);
            if (!m.matches()) {
                throw error(name, i + 1, "expected a '\\*' header line or '---- replace', found '" + line + "'");
            }
            String key = m.group(1);
            String value = m.group(2);
            if (value.isEmpty()) {
                throw error(name, i + 1, "header line '" + line + "' has no value");
            }
            Matcher unknown = UNKNOWN_KEY.matcher(line);
            if (key == null && unknown.matches()) {
                throw error(name, i + 1, "unknown header '" + unknown.group(1)
                        + ":' (known: expect, cfg, module, file, search)");
            }
            if (key == null) {
                description = description == null ? value : description;
            } else if (key.equals("expect")) {
                expect = value;
            } else if (key.equals("cfg")) {
                cfg = value;
            } else if (key.equals("file")) {
                file = value;
            } else if (key.equals("search")) {
                search = Search.parse(name, i + 1, value);
            } else {
                module = value;
            }
        }
        if (description == null) {
            throw error(name, 1, "missing the '\\* <description>' line");
        }
        if (expect == null) {
            throw error(name, 1, "missing the '\\* expect: <InvariantName>' line");
        }
        if (cfg == null) {
            throw error(name, 1, "missing the '\\* cfg: <file>.cfg' line");
        }
        List<Replacement> blocks = new ArrayList<>();
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            if (!lines[i].strip().equals("---- replace")) {
                throw error(name, i + 1, "expected '---- replace', found '" + lines[i].strip() + "'");
            }
            int start = i + 1;
            int with = indexOf(lines, "---- with", start);
            if (with < 0) {
                throw error(name, start, "the replace block has no '---- with' line");
            }
            int end = indexOf(lines, "----", with + 1);
            if (end < 0) {
                throw error(name, with + 1, "the with block has no closing '----' line");
            }
            String replace = String.join("\n", List.of(lines).subList(start, with));
            if (replace.isBlank()) {
                throw error(name, start, "the replace text is empty");
            }
            blocks.add(new Replacement(start, replace, String.join("\n", List.of(lines).subList(with + 1, end))));
            i = end + 1;
        }
        if (blocks.isEmpty()) {
            throw error(name, lines.length, "no '---- replace' block");
        }
        return new SpecVariant(name, description, expect, cfg, module, file, search, blocks);
    }

    /** Applies every block in order; each replace text must occur exactly once in the text it applies to. */
    public String applyTo(String fileName, String specText) {
        String text = specText.replace("\r\n", "\n");
        for (int b = 0; b < replacements.size(); b++) {
            Replacement r = replacements.get(b);
            int count = occurrences(text, r.replace());
            if (count != 1) {
                String firstLine = r.replace().strip().lines().findFirst().orElse("");
                throw new TlcSetupException("variant " + name + ", replace block " + (b + 1) + " (line " + r.line()
                        + ", starting '" + firstLine + "'): the text occurs " + count + " times in " + fileName
                        + ", it must occur exactly once");
            }
            text = text.replace(r.replace(), r.with());
        }
        return text;
    }

    private static int indexOf(String[] lines, String marker, int from) {
        for (int i = from; i < lines.length; i++) {
            if (lines[i].strip().equals(marker)) {
                return i;
            }
        }
        return -1;
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    private static TlcSetupException error(String name, int line, String what) {
        return new TlcSetupException("variant " + name + ", line " + line + ": " + what);
    }
}
