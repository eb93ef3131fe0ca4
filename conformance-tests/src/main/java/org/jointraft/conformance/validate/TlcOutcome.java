package org.jointraft.conformance.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
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

    private final List<List<String>> records;

    private TlcOutcome(List<List<String>> records) {
        this.records = records;
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
        return new TlcOutcome(records);
    }

    /** The 1-based numbers of the traces TLC printed as accepted. */
    Set<Integer> accepted() {
        Set<Integer> traces = new TreeSet<>();
        for (List<String> r : records) {
            if (r.get(0).equals("accepted")) {
                traces.add(Integer.parseInt(r.get(1)));
            }
        }
        return traces;
    }

    /** The diagnosis of the (single) trace of a diagnosis run, if TLC found an unmatched event. */
    Optional<Diagnosis> diagnosis(Path trace) throws IOException {
        List<String> stuck = null;
        Map<String, String> spec = new LinkedHashMap<>();
        List<String> falseGuards = new ArrayList<>();
        List<Diagnosis.Difference> differences = new ArrayList<>();
        for (List<String> r : records) {
            switch (r.get(0)) {
                case "stuck" -> stuck = r;
                case "spec" -> spec.put(r.get(1), r.get(2));
                case "guard" -> {
                    if (r.get(2).equals("FALSE")) {
                        falseGuards.add(r.get(1));
                    }
                }
                case "field", "sent", "entry" -> differences.add(new Diagnosis.Difference(r.get(0), r.get(1), r.get(2), r.get(3)));
                case "safety" -> differences.add(new Diagnosis.Difference("safety", r.get(1), "", ""));
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
