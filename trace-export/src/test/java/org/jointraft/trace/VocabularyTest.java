package org.jointraft.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.jointraft.trace.TraceVocabulary.Category;
import org.jointraft.trace.TraceVocabulary.EventType;
import org.jointraft.trace.TraceVocabulary.Field;
import org.junit.jupiter.api.Test;

/**
 * The trace vocabulary is declared once, by the TraceEvent records; this test holds the two other places
 * that name events to it: the event table of docs/trace-format.md (every event, its category, its fields
 * in order with their rules, the post-state marked) and the event names spec/TraceJointRaft.tla
 * dispatches on ({@code NodeEvents}, {@code Effect} and {@code GuardsOf} with their client and server parts, and
 * the sets {@code Matches} uses).
 */
class VocabularyTest {

    private static final Path DOC = Path.of("../docs/trace-format.md");
    private static final Path SPEC = Path.of("../spec/TraceJointRaft.tla");
    private static final Pattern EVENT_IS = Pattern.compile("e\\.event\\s*=\\s*\"(\\w+)\"");
    private static final Pattern EVENT_IN = Pattern.compile("e\\.event\\s*\\\\in\\s*\\{([^}]*)}");
    private static final Pattern STRING = Pattern.compile("\"(\\w+)\"");

    // ---- docs/trace-format.md

    @Test
    void theDocsEventTableListsEveryEventWithItsCategoryAndFieldsAsDeclared() throws IOException {
        Map<String, String> declared = new LinkedHashMap<>();
        for (EventType t : TraceVocabulary.events()) {
            declared.put(t.name(), row(t));
        }
        String table = String.join("\n", declared.values());
        Map<String, String> documented = docEventTable();
        assertThat(documented.keySet())
                .as("the events of the table in %s (declared: the TraceEvent records); the declared rows are%n%s",
                        DOC, table)
                .containsExactlyElementsOf(declared.keySet());
        for (EventType t : TraceVocabulary.events()) {
            assertThat(documented.get(t.name())).as("the row of %s in %s", t.name(), DOC).isEqualTo(declared.get(t.name()));
        }
    }

    /** The table's rows after its header line {@code | event | category | fields |}, by event name. */
    private static Map<String, String> docEventTable() throws IOException {
        Map<String, String> rows = new LinkedHashMap<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(DOC)) {
            if (line.equals("| event | category | fields after `seq`, `node`, `event` |")) {
                inTable = true;
            } else if (inTable && line.startsWith("|---")) {
                continue;
            } else if (inTable && line.startsWith("| `")) {
                String name = line.substring(3, line.indexOf('`', 3));
                rows.put(name, line);
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    /** The doc row the declaration of {@code t} stands for. */
    static String row(EventType t) {
        String fields = t.fields().stream().map(f -> describe(t, f)).collect(Collectors.joining(", "));
        return "| `" + t.name() + "` | " + category(t.category()) + " | " + (fields.isEmpty() ? "none" : fields) + " |";
    }

    private static String category(Category c) {
        return c.name().toLowerCase().replace('_', ' ');
    }

    /** {@code `msg` (received RequestVote)}, {@code `state` (post-state)}, ... */
    private static String describe(EventType t, Field f) {
        List<String> rules = new ArrayList<>();
        if (f.postState()) {
            rules.add("post-state");
        }
        if (f.role() != null) {
            String type = f.type().getSimpleName();
            rules.add(f.role().name().toLowerCase() + (f.type() == TraceMessage.class ? ", any type" : " " + type));
        }
        if (f.appended() != null) {
            rules.add("appended, kind " + f.appended().traceName());
        }
        if (f.positive()) {
            rules.add("pos");
        }
        if (f.max() != Long.MAX_VALUE) {
            rules.add("at most " + f.max());
        }
        if (f.asRequested()) {
            rules.add(f.asRequestedWhen() < 0 ? "as requested"
                    : "as requested when " + t.fields().get(f.asRequestedWhen()).name() + " is " + f.asRequestedIs());
        }
        if (f.presentWhen() >= 0) {
            rules.add("only when " + t.fields().get(f.presentWhen()).name() + " is " + f.presentWhenIs());
        } else if (f.with() >= 0) {
            rules.add("only with " + t.fields().get(f.with()).name());
        } else if (f.optional()) {
            rules.add("optional");
        }
        if (f.since() > 1) {
            rules.add("since version " + f.since());
        }
        return "`" + f.name() + "`" + (rules.isEmpty() ? "" : " (" + String.join("; ", rules) + ")");
    }

    // ---- spec/TraceJointRaft.tla

    @Test
    void theTraceSpecDispatchesOnExactlyTheDeclaredEvents() throws IOException {
        List<String> spec = Files.readAllLines(SPEC);
        SoftAssertions.assertSoftly(soft -> {
            soft.assertThat(strings(definition(spec, "NodeEvents")))
                    .as("NodeEvents in %s (declared: the node steps)", SPEC)
                    .containsExactlyInAnyOrderElementsOf(names(t -> t.category() == Category.NODE_STEP));
            soft.assertThat(eventNames(definitions(spec, "Effect(e)", "ClientEffect(e)", "ServerEffect(e)")))
                    .as("the events Effect(e) (with ClientEffect, ServerEffect) in %s has an action for (declared: every event)",
                            SPEC)
                    .containsExactlyInAnyOrderElementsOf(names(t -> true));
            soft.assertThat(eventNames(definitions(spec, "GuardsOf(e)", "ClientGuards(e)", "ServerGuards(e)")))
                    .as("the events GuardsOf(e) (with ClientGuards, ServerGuards) in %s names (declared: every event)", SPEC)
                    .containsExactlyInAnyOrderElementsOf(names(t -> true));
            soft.assertThat(strings(definition(spec, "AppendEvents")))
                    .as("AppendEvents in %s (declared: the events with an appended entry)", SPEC)
                    .containsExactlyInAnyOrderElementsOf(names(t -> t.fields().stream().anyMatch(f -> f.appended() != null)));
        });
    }

    @Test
    void theTraceSpecChecksTheMessageOfExactlyTheEventsThatSendOne() throws IOException {
        // Matches(e): e.event \in {...} => SentOne(e.<field>), or SentOneSnapshot (an InstallSnapshot has a ghost prefix)
        Pattern sentOne = Pattern.compile("e\\.event\\s*\\\\in\\s*\\{([^}]*)}\\s*=>\\s*SentOne\\w*\\(e\\.(\\w+)\\)");
        Map<String, Set<String>> checked = new LinkedHashMap<>();
        for (String line : definition(Files.readAllLines(SPEC), "Matches(e)")) {
            Matcher m = sentOne.matcher(line);
            if (m.find()) {
                checked.computeIfAbsent(m.group(2), k -> new TreeSet<>()).addAll(strings(List.of(m.group(1))));
            }
        }
        Map<String, Set<String>> declared = new LinkedHashMap<>();
        for (EventType t : TraceVocabulary.events()) {
            for (Field f : t.fields()) {
                if (f.role() == MessageRole.SENT || f.role() == MessageRole.REPLY) {
                    declared.computeIfAbsent(f.name(), k -> new TreeSet<>()).add(t.name());
                }
            }
        }
        assertThat(checked).as("the events whose sent message Matches(e) in %s checks, by field", SPEC)
                .isEqualTo(declared);
    }

    /** The lines of the definitions {@code names}: the first must exist, the others are read when they do. */
    static List<String> definitions(List<String> spec, String first, String... others) {
        List<String> body = new ArrayList<>(definition(spec, first));
        for (String name : others) {
            if (spec.stream().anyMatch(l -> l.matches(Pattern.quote(name) + "\\s*==.*"))) {
                body.addAll(definition(spec, name));
            }
        }
        return body;
    }

    /** The lines of the definition {@code name ==}: its first line and the indented (or blank) lines after it. */
    static List<String> definition(List<String> spec, String name) {
        List<String> body = new ArrayList<>();
        for (int i = 0; i < spec.size(); i++) {
            if (spec.get(i).matches(Pattern.quote(name) + "\\s*==.*")) {
                body.add(spec.get(i));
                for (int j = i + 1; j < spec.size() && (spec.get(j).isBlank() || spec.get(j).startsWith(" ")); j++) {
                    body.add(spec.get(j));
                }
                return body;
            }
        }
        throw new AssertionError(SPEC + " has no definition " + name);
    }

    private static Set<String> strings(List<String> lines) {
        Set<String> found = new TreeSet<>();
        Matcher m = STRING.matcher(String.join("\n", lines));
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** The event names compared with {@code e.event} in {@code lines}. */
    private static Set<String> eventNames(List<String> lines) {
        Set<String> found = new TreeSet<>();
        String text = String.join("\n", lines);
        Matcher is = EVENT_IS.matcher(text);
        while (is.find()) {
            found.add(is.group(1));
        }
        Matcher in = EVENT_IN.matcher(text);
        while (in.find()) {
            found.addAll(strings(List.of(in.group(1))));
        }
        return found;
    }

    private static Set<String> names(java.util.function.Predicate<EventType> which) {
        return TraceVocabulary.events().stream().filter(which).map(EventType::name)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
