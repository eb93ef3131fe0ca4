package org.jointraft.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jointraft.core.Step;
import org.jointraft.trace.TraceEvent;
import org.junit.jupiter.api.Test;

/**
 * One name per step: a spec action of JointRaft.tla, its trace event and the Java method that takes it share one
 * name (action and event {@code Foo}, method {@code foo}), and they point at each other: {@code \* Impl: Class.foo}
 * above the spec operator, {@code // Spec: JointRaft.tla Foo} above the Java method. Reads the source tree, so
 * it sees what a contributor just edited.
 */
class NamePointerTest {

    /** Events that stand for an action whose guards were false (no state change), and that action. */
    private static final Map<String, String> REFUSALS = Map.of("ProposeMembershipRejected", "ProposeMembership");

    /** Methods other than the action's own that report its event: a process restart rebuilds a node from disk. */
    private static final Map<String, Set<String>> ALSO_REPORTED_BY = Map.of("Restart", Set.of("recover"));

    private static final Path ROOT = repositoryRoot();
    private static final String SPEC = read(ROOT.resolve("spec/JointRaft.tla"));
    private static final String CLIENT_SPEC = read(ROOT.resolve("spec/JointRaftClient.tla"));
    private static final Map<String, List<Path>> JAVA = javaSources(
            ROOT.resolve("impl/src/main/java"), ROOT.resolve("conformance-tests/src/main/java"));

    private static final Pattern SPEC_POINTER = Pattern.compile(
            "^\\\\\\* Impl: (\\w+)\\.(\\w+)[ \\t]*\\n(?:RECURSIVE [^\\n]*\\n)?(\\w+)\\(", Pattern.MULTILINE);
    private static final Pattern JAVA_POINTER = Pattern.compile(
            "// Spec: JointRaft\\.tla (\\w+)[ \\t]*\\n\\s*(?:(?:public|private|protected|static|final)\\s+)*"
                    + "[\\w<>\\[\\], .]+?\\s+(\\w+)\\s*\\(");
    private static final Pattern MEMBER_METHOD = Pattern.compile(
            "^ {4}(?=\\S)(?:(?:public|private|protected|static|final)\\s+)*[\\w<>\\[\\], .]+\\s+(\\w+)\\s*\\([^;]*$");

    private static final Pattern CLIENT_SPEC_POINTER = Pattern.compile(
            "^\\\\\\* Impl: (\\w+)\\.(\\w+)[ \\t]*\\n(?:RECURSIVE [^\\n]*\\n)?(\\w+)(?:\\(| ==)", Pattern.MULTILINE);
    private static final Pattern CLIENT_JAVA_POINTER = Pattern.compile(
            "// Spec: JointRaftClient\\.tla (\\w+)[ \\t]*\\n(?:\\s*/\\*\\*[^\\n]*\\n)?\\s*"
                    + "(?:(?:public|private|protected|static|final)\\s+)*[\\w<>\\[\\], .]+?\\s+(\\w+)\\s*\\(");

    record SpecPointer(String operator, String javaClass, String method) {
    }

    record JavaPointer(String javaClass, String method, String operator) {
    }

    @Test
    void every_spec_action_names_its_java_method_and_that_method_points_back() {
        Map<String, SpecPointer> pointers = specPointers();
        List<String> problems = new ArrayList<>();
        for (String action : specActions()) {
            if (!pointers.containsKey(action)) {
                problems.add("spec action " + action + " has no '\\* Impl: Class." + decapitalize(action)
                        + "' line right above its definition in JointRaft.tla");
            }
        }
        for (SpecPointer p : pointers.values()) {
            String where = "JointRaft.tla " + p.operator() + " points to " + p.javaClass() + "." + p.method();
            if (!p.method().equals(decapitalize(p.operator()))) {
                problems.add(where + ", but the Java twin of " + p.operator() + " must be named "
                        + decapitalize(p.operator()));
            }
            String source = javaClass(p.javaClass(), where, problems);
            if (source != null && !javaPointers(p.javaClass(), source).contains(
                    new JavaPointer(p.javaClass(), p.method(), p.operator()))) {
                problems.add(where + ", which does not exist there or lacks a '// Spec: JointRaft.tla "
                        + p.operator() + "' line right above its declaration");
            }
        }
        assertThat(problems).as("spec -> Java pointers").isEmpty();
    }

    @Test
    void every_java_pointer_names_a_spec_operator_of_the_same_name_that_points_back() {
        Map<String, SpecPointer> specPointers = specPointers();
        List<String> problems = new ArrayList<>();
        int seen = 0;
        for (Map.Entry<String, List<Path>> entry : JAVA.entrySet()) {
            for (Path file : entry.getValue()) {
                String source = read(file);
                int lines = count(source, "// Spec: JointRaft.tla ");
                List<JavaPointer> pointers = javaPointers(entry.getKey(), source);
                seen += pointers.size();
                if (pointers.size() != lines) {
                    problems.add(file.getFileName() + " has " + lines + " '// Spec: ' lines but only "
                            + pointers.size() + " of the form '// Spec: JointRaft.tla Name' right above a method");
                }
                for (JavaPointer p : pointers) {
                    String where = p.javaClass() + "." + p.method() + " points to JointRaft.tla " + p.operator();
                    if (!Pattern.compile("^" + p.operator() + "\\b", Pattern.MULTILINE).matcher(SPEC).find()) {
                        problems.add(where + ", which JointRaft.tla does not define");
                    } else if (!p.method().equals(decapitalize(p.operator()))) {
                        problems.add(where + ", but a method implementing " + p.operator() + " must be named "
                                + decapitalize(p.operator()));
                    } else if (!new SpecPointer(p.operator(), p.javaClass(), p.method())
                            .equals(specPointers.get(p.operator()))) {
                        problems.add(where + ", which lacks '\\* Impl: " + p.javaClass() + "." + p.method()
                                + "' right above its definition");
                    }
                }
            }
        }
        assertThat(problems).as("Java -> spec pointers").isEmpty();
        assertThat(seen).as("Java pointers found").isGreaterThanOrEqualTo(specActions().size());
    }

    /**
     * The client protocol (JointRaftClient.tla) is written as the call's rules, not as one method per action, so
     * its names differ from the Java ones; the pointers still go both ways: every '\\* Impl: Class.method' there
     * names a method that carries a '// Spec:' line, and every '// Spec: JointRaftClient.tla Op' names an operator
     * whose '\\* Impl:' line names that method.
     */
    @Test
    void the_client_spec_and_the_call_code_point_at_each_other() {
        Map<String, SpecPointer> pointers = new TreeMap<>();
        Matcher m = CLIENT_SPEC_POINTER.matcher(CLIENT_SPEC);
        while (m.find()) {
            pointers.put(m.group(3), new SpecPointer(m.group(3), m.group(1), m.group(2)));
        }
        List<String> problems = new ArrayList<>();
        if (pointers.size() != count(CLIENT_SPEC, "\\* Impl:")) {
            problems.add("JointRaftClient.tla has " + count(CLIENT_SPEC, "\\* Impl:") + " '\\* Impl:' lines but only "
                    + pointers.size() + " right above a definition");
        }
        for (String action : List.of("StartCall", "CallProposeMembership", "CallProposeRefused", "EndCall")) {
            if (!pointers.containsKey(action)) {
                problems.add("client action " + action + " has no '\\* Impl:' line");
            }
        }
        for (SpecPointer p : pointers.values()) {
            String where = "JointRaftClient.tla " + p.operator() + " points to " + p.javaClass() + "." + p.method();
            String source = javaClass(p.javaClass(), where, problems);
            if (source != null && !Pattern.compile("// Spec: \\S+ \\w+[ \\t]*\\n(?:\\s*/\\*\\*[^\\n]*\\n)?[^\\n(]*\\s"
                    + p.method() + "\\s*\\(").matcher(source).find()) {
                problems.add(where + ", which does not exist there or has no '// Spec:' line right above it");
            }
        }
        int seen = 0;
        for (Map.Entry<String, List<Path>> entry : JAVA.entrySet()) {
            for (Path file : entry.getValue()) {
                String source = read(file);
                Matcher j = CLIENT_JAVA_POINTER.matcher(source);
                int found = 0;
                while (j.find()) {
                    found++;
                    SpecPointer back = pointers.get(j.group(1));
                    String where = entry.getKey() + "." + j.group(2) + " points to JointRaftClient.tla " + j.group(1);
                    if (back == null) {
                        problems.add(where + ", which has no '\\* Impl:' line there");
                    } else if (!back.javaClass().equals(entry.getKey()) || !back.method().equals(j.group(2))) {
                        problems.add(where + ", whose '\\* Impl:' line names " + back.javaClass() + "." + back.method());
                    }
                }
                seen += found;
                if (found != count(source, "// Spec: JointRaftClient.tla ")) {
                    problems.add(file.getFileName() + " has '// Spec: JointRaftClient.tla' lines that are not right above"
                            + " a method");
                }
            }
        }
        assertThat(problems).as("JointRaftClient.tla <-> Java pointers").isEmpty();
        assertThat(seen).as("Java pointers to JointRaftClient.tla").isGreaterThanOrEqualTo(6);
    }

    @Test
    void trace_events_are_the_spec_actions_and_their_refusals() {
        Set<String> expected = new TreeSet<>(specActions());
        expected.addAll(REFUSALS.keySet());
        Set<String> events = new TreeSet<>();
        for (Class<?> record : records(TraceEvent.class)) {
            // Client calls and node faults (Crash) are no JointRaft action: TraceJointRaft models them itself.
            if (!TraceEvent.CallEvent.class.isAssignableFrom(record) && !TraceEvent.FaultEvent.class.isAssignableFrom(record)) {
                events.add(record.getSimpleName());
            }
        }
        assertThat(difference(events, expected)).as("trace events (TraceEvent records) with no spec action")
                .isEmpty();
        assertThat(difference(expected, events)).as("spec actions with no trace event (TraceEvent record)")
                .isEmpty();
        assertThat(REFUSALS.values()).as("refused actions").allMatch(expected::contains);
    }

    @Test
    void every_step_is_a_raft_node_action_reported_by_the_method_of_its_name() {
        Map<String, SpecPointer> pointers = specPointers();
        Set<String> expected = new TreeSet<>(REFUSALS.keySet());
        for (String action : specActions()) {
            SpecPointer p = pointers.get(action);
            if (p != null && p.javaClass().equals("RaftNode")) {
                expected.add(action);
            }
        }
        Set<String> steps = new TreeSet<>();
        for (Class<?> record : records(Step.class)) {
            steps.add(record.getSimpleName());
        }
        assertThat(difference(steps, expected)).as("Step records that are no action of RaftNode").isEmpty();
        assertThat(difference(expected, steps)).as("actions of RaftNode with no Step record").isEmpty();

        List<String> problems = new ArrayList<>();
        String method = null;
        for (String line : read(only("RaftNode")).split("\n")) {
            Matcher declaration = MEMBER_METHOD.matcher(line);
            if (declaration.find()) {
                method = declaration.group(1);
            }
            Matcher report = Pattern.compile("new Step\\.(\\w+)\\(").matcher(line);
            while (report.find()) {
                String step = report.group(1);
                String owner = decapitalize(REFUSALS.getOrDefault(step, step));
                if (!owner.equals(method) && !ALSO_REPORTED_BY.getOrDefault(step, Set.of()).contains(method)) {
                    problems.add("RaftNode." + method + " reports Step." + step + ": only " + owner
                            + " may (give the step its own method, named after it)");
                }
            }
        }
        assertThat(problems).as("where RaftNode reports each step").isEmpty();
    }

    // ---- reading the sources

    /** The actions of the disjuncts of JointRaft's Next (the last operator applied on each line). */
    static Set<String> specActions() {
        Matcher next = Pattern.compile("^Next ==\\n((?:[ \\t]+.*\\n)+)", Pattern.MULTILINE).matcher(SPEC);
        assertThat(next.find()).as("JointRaft.tla defines Next ==").isTrue();
        Set<String> actions = new TreeSet<>();
        for (String line : next.group(1).split("\n")) {
            Matcher call = Pattern.compile(":\\s*([A-Z]\\w*)\\(").matcher(line);
            String last = null;
            while (call.find()) {
                last = call.group(1);
            }
            assertThat(last).as("an action in the Next disjunct '%s'", line.strip()).isNotNull();
            actions.add(last);
        }
        assertThat(actions).as("spec actions").hasSizeGreaterThanOrEqualTo(10);
        return actions;
    }

    static Map<String, SpecPointer> specPointers() {
        Map<String, SpecPointer> pointers = new TreeMap<>();
        Matcher m = SPEC_POINTER.matcher(SPEC);
        while (m.find()) {
            pointers.put(m.group(3), new SpecPointer(m.group(3), m.group(1), m.group(2)));
        }
        assertThat(pointers.size()).as("'\\* Impl:' lines of JointRaft.tla right above a definition")
                .isEqualTo(count(SPEC, "\\* Impl:"));
        return pointers;
    }

    static List<JavaPointer> javaPointers(String javaClass, String source) {
        List<JavaPointer> pointers = new ArrayList<>();
        Matcher m = JAVA_POINTER.matcher(source);
        while (m.find()) {
            pointers.add(new JavaPointer(javaClass, m.group(2), m.group(1)));
        }
        return pointers;
    }

    private static String javaClass(String name, String where, List<String> problems) {
        List<Path> files = JAVA.getOrDefault(name, List.of());
        if (files.size() != 1) {
            problems.add(where + ": " + files.size() + " main classes of impl and conformance-tests are named "
                    + name + " (needs exactly one)");
            return null;
        }
        return read(files.get(0));
    }

    private static Path only(String name) {
        List<Path> files = JAVA.getOrDefault(name, List.of());
        assertThat(files).as("main classes named " + name).hasSize(1);
        return files.get(0);
    }

    /** Every record of a sealed hierarchy, through its sealed sub-interfaces. */
    static List<Class<?>> records(Class<?> sealed) {
        List<Class<?>> found = new ArrayList<>();
        for (Class<?> sub : sealed.getPermittedSubclasses()) {
            if (sub.isRecord()) {
                found.add(sub);
            } else if (sub.isSealed()) {
                found.addAll(records(sub));
            }
        }
        return found;
    }

    private static Map<String, List<Path>> javaSources(Path... roots) {
        Map<String, List<Path>> byName = new TreeMap<>();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java")).forEach(f -> byName
                        .computeIfAbsent(f.getFileName().toString().replace(".java", ""), k -> new ArrayList<>())
                        .add(f));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return byName;
    }

    /** The folder holding spec/ and impl/: the module's parent when Maven runs the test. */
    private static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("spec/JointRaft.tla")) && Files.isDirectory(dir.resolve("impl"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no spec/JointRaft.tla above " + Path.of("").toAbsolutePath());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    static String decapitalize(String name) {
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
