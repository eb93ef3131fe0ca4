package org.jointraft.conformance.bugzoo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.conformance.sim.Shape;
import org.jointraft.conformance.tlc.SpecVariant;
import org.jointraft.conformance.tlc.TlcSetupException;

/**
 * A deliberately broken copy of impl, read from a {@code bugzoo/<name>.bug} resource: a one-line description, the rule
 * it breaks, and for each impl source file it patches the exact replace/with blocks (the format of the spec's
 * {@code .variant} files, parsed by {@link SpecVariant}). Format:
 * <pre>
 * # one-line description of the bug
 * # breaks: the rule it breaks
 * # escapes: why safety checking cannot catch it (optional: only for bugs known to escape)
 * # shape: the workload of its hunt (optional: a simulate --shape name; without it the zoo's own three shapes)
 * ==== RaftNode.java
 * ---- replace
 * exact text of RaftNode.java
 * ---- with
 * new text
 * ----
 * ==== Membership.java
 * ...
 * </pre>
 * Each replace text must occur exactly once in the current impl source, so a bug that no longer fits impl fails loudly.
 */
public record Bug(String name, String description, String breaks, String escapes, Shape shape,
        Map<String, SpecVariant> patches) {

    public Bug {
        patches = Collections.unmodifiableMap(new LinkedHashMap<>(patches));
    }

    /** Reads the text of {@code <name>.bug}; every problem names the bug and the line. */
    public static Bug parse(String name, String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        String description = null;
        String breaks = null;
        String escapes = null;
        Shape shape = null;
        int i = 0;
        for (; i < lines.length && !lines[i].startsWith("===="); i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith("#")) {
                throw error(name, i + 1, "expected a '# ...' header line or '==== File.java', found '" + line + "'");
            }
            String value = line.substring(1).strip();
            if (value.startsWith("breaks:")) {
                breaks = value.substring("breaks:".length()).strip();
            } else if (value.startsWith("escapes:")) {
                escapes = value.substring("escapes:".length()).strip();
            } else if (value.startsWith("shape:")) {
                try {
                    shape = Shape.parse(value.substring("shape:".length()).strip());
                } catch (IllegalArgumentException e) {
                    throw error(name, i + 1, e.getMessage());
                }
            } else if (description == null && !value.isEmpty()) {
                description = value;
            }
        }
        if (description == null) {
            throw error(name, 1, "missing the '# <description>' line");
        }
        if (breaks == null || breaks.isEmpty()) {
            throw error(name, 1, "missing the '# breaks: <rule>' line");
        }
        if (i == lines.length) {
            throw error(name, lines.length, "no '==== File.java' section");
        }
        Map<String, SpecVariant> patches = new LinkedHashMap<>();
        while (i < lines.length) {
            String file = lines[i].substring(4).strip();
            if (!file.endsWith(".java") || file.contains("/")) {
                throw error(name, i + 1, "expected '==== File.java' (a simple file name), found '" + lines[i] + "'");
            }
            if (patches.containsKey(file)) {
                throw error(name, i + 1, "a second section for " + file);
            }
            int end = i + 1;
            while (end < lines.length && !lines[end].startsWith("====")) {
                end++;
            }
            patches.put(file, section(name, lines, i, end));
            i = end;
        }
        return new Bug(name, description, breaks, escapes, shape, patches);
    }

    /**
     * The section's blocks, parsed by {@link SpecVariant#parse} from a text of the same line count in which every line
     * outside the section is blank (and the first three carry the header it wants), so its line numbers are the file's.
     */
    private static SpecVariant section(String name, String[] lines, int header, int end) {
        String[] masked = new String[Math.max(lines.length, 3)];
        java.util.Arrays.fill(masked, "");
        System.arraycopy(lines, header + 1, masked, header + 1, end - header - 1);
        masked[0] = "\\* bug " + name;
        masked[1] = "\\* expect: none";
        masked[2] = "\\* cfg: none";
        try {
            return SpecVariant.parse(name, String.join("\n", masked));
        } catch (TlcSetupException e) {
            throw new BugFormatException("bug " + name + ": " + e.getMessage().replaceFirst("^variant \\S+, ", ""), e);
        }
    }

    /**
     * The impl sources with this bug's blocks applied. {@code sources} maps a path relative to the source root
     * (e.g. {@code org/jointraft/core/RaftNode.java}) to its text; a patched file is named by its simple name, which
     * must match exactly one path.
     */
    public Map<String, String> applyTo(Map<String, String> sources) {
        Map<String, String> patched = new LinkedHashMap<>(sources);
        patches.forEach((file, blocks) -> {
            List<String> matches = new ArrayList<>();
            for (String path : sources.keySet()) {
                if (path.equals(file) || path.endsWith("/" + file)) {
                    matches.add(path);
                }
            }
            if (matches.size() != 1) {
                throw new BugFormatException("bug " + name + " patches " + file + ", which matches " + matches.size()
                        + " impl source files " + matches + "; it must match exactly one");
            }
            String path = matches.get(0);
            try {
                patched.put(path, blocks.applyTo(file, sources.get(path)));
            } catch (TlcSetupException e) {
                throw new BugFormatException("bug " + name + ": " + e.getMessage().replaceFirst("^variant \\S+, ", ""),
                        e);
            }
        });
        return patched;
    }

    private static BugFormatException error(String name, int line, String what) {
        return new BugFormatException("bug " + name + ", line " + line + ": " + what);
    }
}
