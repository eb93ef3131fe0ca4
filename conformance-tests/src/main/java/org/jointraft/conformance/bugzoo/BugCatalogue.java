package org.jointraft.conformance.bugzoo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.conformance.io.ClasspathResources;

/** Every bug of the zoo ({@code bugzoo/*.bug} on the classpath) and the impl sources they patch ({@code impl-src/}). */
public final class BugCatalogue {
    static final String BUG_FOLDER = "bugzoo";
    static final String IMPL_FOLDER = "impl-src";

    private final Map<String, Bug> bugs;
    private final Map<String, String> implSources;

    BugCatalogue(Map<String, Bug> bugs, Map<String, String> implSources) {
        this.bugs = bugs;
        this.implSources = implSources;
    }

    /** The bugs and impl sources shipped on this class's classpath (the CLI jar, or target/classes in tests). */
    public static BugCatalogue load() {
        ClassLoader loader = BugCatalogue.class.getClassLoader();
        Map<String, Bug> bugs = new LinkedHashMap<>();
        read(loader, BUG_FOLDER, ".bug").forEach((file, text) -> {
            String name = file.substring(file.lastIndexOf('/') + 1, file.length() - ".bug".length());
            bugs.put(name, Bug.parse(name, text));
        });
        return new BugCatalogue(bugs, read(loader, IMPL_FOLDER, ".java"));
    }

    private static Map<String, String> read(ClassLoader loader, String folder, String suffix) {
        Map<String, String> files = ClasspathResources.readText(loader, folder, suffix);
        if (files.isEmpty()) {
            throw new IllegalStateException("no *" + suffix + " files under the classpath folder " + folder
                    + "/ (is the jar built with conformance-tests' pom?)");
        }
        return files;
    }

    public List<Bug> all() {
        return List.copyOf(bugs.values());
    }

    /** The named bugs, in the order given; an unknown name is an error listing the known ones. */
    public List<Bug> select(List<String> names) {
        List<Bug> chosen = new ArrayList<>();
        for (String n : names) {
            Bug b = bugs.get(n);
            if (b == null) {
                throw new IllegalArgumentException("no bug named '" + n + "'; known: " + String.join(", ", bugs.keySet()));
            }
            chosen.add(b);
        }
        return chosen;
    }

    /** The unpatched impl sources, by path relative to the source root. */
    public Map<String, String> implSources() {
        return implSources;
    }
}
