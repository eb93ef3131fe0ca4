package org.jointraft.conformance.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jointraft.conformance.tlc.TlcMessage;
import org.jointraft.conformance.tlc.TlcResult;

/**
 * What a TraceJointRaft run printed: the "JR~~kind~~..." lines of its PrintT output (-userFile), checked to
 * come from a run that ended cleanly. Kinds: accepted (trace number, events), stuck (trace, event index,
 * node, event name), spec (field, value), guard (name, TRUE/FALSE), probed, field/sent/entry (name, spec
 * value, trace value), safety (name).
 */
final class TlcOutcome {
    private static final String PREFIX = "JR";
    private static final String SEP = "~~";

    private static final Pattern GENERATED = Pattern.compile("([\\d,]+) states generated");

    private final List<List<String>> records;
    private final long statesGenerated;

    private TlcOutcome(List<List<String>> records, long statesGenerated) {
        this.records = records;
        this.statesGenerated = statesGenerated;
    }

    /** The printed records of a run that must have ended without error (exit 0). */
    static TlcOutcome of(TlcResult result, String what) {
        if (!(result instanceof TlcResult.Ok)) {
            String detail = result instanceof TlcResult.Error e ? e.kind() + ": " + e.message() : result.toString();
            throw new ValidationException("TLC failed during the " + what + ": " + detail);
        }
        List<List<String>> records = new ArrayList<>();
        for (String raw : result.output().userOutput().orElse("").split("\n")) {
            String line = unquote(raw.strip());
            if (line.startsWith(PREFIX + SEP)) {
                records.add(List.of(line.substring(PREFIX.length() + SEP.length()).split(SEP, -1)));
            }
        }
        long generated = result.stats().statesGenerated();
        for (TlcMessage m : result.output().messages()) {
            Matcher g = GENERATED.matcher(m.text());
            if (g.find()) {
                generated = Math.max(generated, Long.parseLong(g.group(1).replace(",", "")));
            }
        }
        return new TlcOutcome(records, generated);
    }

    /**
     * How many traces, from the first on, TLC printed as accepted. The replay goes in order, so the
     * markers must be 1, 2, ..., m; anything else means the run is not what the validator started.
     */
    int acceptedPrefix(int traces) {
        List<Integer> marked = new ArrayList<>();
        for (List<String> r : records) {
            if (r.get(0).equals("accepted")) {
                marked.add(Integer.parseInt(r.get(1)));
            }
        }
        for (int k = 0; k < marked.size(); k++) {
            if (marked.get(k) != k + 1 || k >= traces) {
                throw new ValidationException("TLC accepted traces out of order or beyond the batch: " + marked);
            }
        }
        return marked.size();
    }

    /** The most states TLC said it generated (simulation mode prints no distinct-state count). */
    long statesGenerated() {
        return statesGenerated;
    }

    /** The diagnosis of the (single) trace of a diagnosis run, if TLC found an unmatched event. */
    Optional<Diagnosis> diagnosis(Path trace) throws IOException {
        List<String> stuck = null;
        Map<String, String> spec = new LinkedHashMap<>();
        List<String> falseGuards = new ArrayList<>();
        List<Diagnosis.Difference> differences = new ArrayList<>();
        for (List<String> r : records) {
            switch (r.get(0)) {
                case "stuck" -> stuck = stuck == null ? r : stuck;
                case "spec" -> spec.put(r.get(1), r.get(2));
                case "guard" -> {
                    if (r.get(2).equals("FALSE") && !falseGuards.contains(r.get(1))) {
                        falseGuards.add(r.get(1));
                    }
                }
                case "field", "sent", "entry" -> addOnce(differences, new Diagnosis.Difference(r.get(0), r.get(1), r.get(2), r.get(3)));
                case "safety" -> addOnce(differences, new Diagnosis.Difference("safety", r.get(1), "", ""));
                default -> { }
            }
        }
        if (stuck == null) {
            return Optional.empty();
        }
        int index = Integer.parseInt(stuck.get(2));
        falseGuards.sort(null);
        return Optional.of(new Diagnosis(index, lineOf(trace, index), Integer.parseInt(stuck.get(3)), stuck.get(4),
                spec, falseGuards, differences));
    }

    private static <T> void addOnce(List<T> list, T item) {
        if (!list.contains(item)) {
            list.add(item);
        }
    }

    /** The text of event {@code index} (line index + 1 of the file). */
    static String lineOf(Path trace, int index) throws IOException {
        try (var lines = Files.lines(trace)) {
            return lines.skip(index).findFirst().orElse("");
        }
    }

    /** TLC prints a string value in quotes with \" and \\ escapes. */
    static String unquote(String s) {
        if (s.length() < 2 || !s.startsWith("\"") || !s.endsWith("\"")) {
            return s;
        }
        StringBuilder out = new StringBuilder();
        for (int k = 1; k < s.length() - 1; k++) {
            char c = s.charAt(k);
            if (c == '\\' && k + 1 < s.length() - 1) {
                char next = s.charAt(++k);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
