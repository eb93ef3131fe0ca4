package org.jointraft.conformance.tlc;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spec actions a model's wrappers report with {@code Fired("X")}: the {@code SpecActions == <<"A", ...>>}
 * definition of the cfg's module or of a module it EXTENDS (among the spec files), or, to cross-check it, every
 * {@code XGuards} definition of a module.
 */
public final class SpecActions {
    private static final Pattern DEFINITION = Pattern.compile("(?m)^SpecActions\\s*==\\s*<<(.*?)>>", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern EXTENDS = Pattern.compile("(?m)^\\s*EXTENDS\\s+([A-Za-z0-9_,\\s]+?)\\s*$");
    private static final Pattern GUARDS = Pattern.compile("(?m)^([A-Z][A-Za-z0-9]*)Guards\\s*(?:\\(|==)");

    private SpecActions() { }

    /** The SpecActions of {@code module} or of the first module it EXTENDS (depth first) that defines it. */
    public static Optional<List<String>> of(SpecSource spec, String module) {
        return find(spec, module, new LinkedHashSet<>());
    }

    private static Optional<List<String>> find(SpecSource spec, String module, Set<String> seen) {
        String file = module + ".tla";
        if (!seen.add(module) || !spec.fileNames().contains(file)) {
            return Optional.empty();
        }
        String text = ModelCheckCfg.withoutComments(spec.read(file));
        Matcher d = DEFINITION.matcher(text);
        if (d.find()) {
            List<String> names = new ArrayList<>();
            Matcher s = STRING.matcher(d.group(1));
            while (s.find()) {
                names.add(s.group(1));
            }
            return Optional.of(List.copyOf(names));
        }
        Matcher e = EXTENDS.matcher(text);
        if (e.find()) {
            for (String extended : e.group(1).split("[,\\s]+")) {
                Optional<List<String>> found = find(spec, extended.strip(), seen);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Every X of {@code file} with definitions of both X and {@code XGuards} at the start of a line, in order (a guard
     * record shared by actions, such as AttemptGuards, names no action).
     */
    public static List<String> guarded(SpecSource spec, String file) {
        String text = ModelCheckCfg.withoutComments(spec.read(file));
        List<String> names = new ArrayList<>();
        Matcher g = GUARDS.matcher(text);
        while (g.find()) {
            String action = g.group(1);
            if (Pattern.compile("(?m)^" + action + "\\s*(?:\\(|==)").matcher(text).find()) {
                names.add(action);
            }
        }
        return names;
    }
}
