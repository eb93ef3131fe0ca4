package org.jointraft.conformance.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jointraft.conformance.tlc.TlcMessage;
import org.jointraft.conformance.tlc.TlcResult;

/**
 * What a TraceJointRaft run printed: the "JR~~kind~~..." lines of its PrintT output (-userFile), checked to
 * come from a run that ended cleanly.
 */
final class TlcOutcome {
    private static final String PREFIX = "JR";
    private static final String SEP = "~~";

    private static final Pattern GENERATED = Pattern.compile("([\\d,]+) states generated");

    /** The kinds of printed record (the first part, in lower case), with the parts that follow. */
    enum Kind {
        /** trace number, events. */
        ACCEPTED,
        /** trace, event index, node, event name. */
        STUCK,
        /** a spec state field, its value. */
        SPEC,
        /** a guard's name, TRUE or FALSE. */
        GUARD,
        /** (nothing: an event was probed). */
        PROBED,
        /** field name, spec value, trace value. */
        FIELD,
        /** "msg"/"reply", spec value, trace value. */
        SENT,
        /** "entry", spec value, trace value. */
        ENTRY,
        /** the safety check's name. */
        SAFETY,
        /** the contract check's name. */
        CONTRACT
    }

    /** One printed record: its kind and the parts after it. */
    private record Printed(Kind kind, List<String> parts) {
        String part(int k) {
            return parts.get(k - 1);
        }
    }

    private final List<Printed> records;
    private final long statesGenerated;

    private TlcOutcome(List<Printed> records, long statesGenerated) {
        this.records = records;
        this.statesGenerated = statesGenerated;
    }

    /** The printed records of a run that must have ended without error (exit 0). */
    static TlcOutcome of(TlcResult result, String what) {
        if (!(result instanceof TlcResult.Ok)) {
            String detail = result instanceof TlcResult.Error e ? e.kind() + ": " + e.message() : result.toString();
            throw new ValidationException("TLC failed during the " + what + ": " + detail);
        }
        List<Printed> records = new ArrayList<>();
        for (String raw : result.output().userOutput().orElse("").split("\n")) {
            String line = unquote(raw.strip());
            if (line.startsWith(PREFIX + SEP)) {
                List<String> parts = List.of(line.substring(PREFIX.length() + SEP.length()).split(SEP, -1));
                records.add(new Printed(kind(parts.get(0)), parts.subList(1, parts.size())));
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
        for (Printed r : records) {
            if (r.kind() == Kind.ACCEPTED) {
                marked.add(Integer.parseInt(r.part(1)));
            }
        }
        for (int k = 0; k < marked.size(); k++) {
            if (marked.get(k) != k + 1 || k >= traces) {
                throw new ValidationException("TLC accepted traces out of order or beyond the batch: " + marked);
            }
        }
        return marked.size();
    }

    /** The event count in the marker of the {@code k}-th accepted trace (0-based): where its replay ended. */
    long acceptedEvents(int k) {
        int seen = 0;
        for (Printed r : records) {
            if (r.kind() == Kind.ACCEPTED && seen++ == k) {
                return Long.parseLong(r.part(2));
            }
        }
        throw new ValidationException("TLC printed no accepted marker for trace " + (k + 1));
    }

    /** The most states TLC said it generated (simulation mode prints no distinct-state count). */
    long statesGenerated() {
        return statesGenerated;
    }

    /** The diagnosis of the (single) trace of a diagnosis run, if TLC found an unmatched event. */
    Optional<Diagnosis> diagnosis(Path trace) throws IOException {
        Printed stuck = null;
        Map<String, String> spec = new LinkedHashMap<>();
        List<String> falseGuards = new ArrayList<>();
        List<Diagnosis.Difference> differences = new ArrayList<>();
        for (Printed r : records) {
            switch (r.kind()) {
                case STUCK -> stuck = stuck == null ? r : stuck;
                case SPEC -> spec.put(r.part(1), r.part(2));
                case GUARD -> {
                    if (r.part(2).equals("FALSE") && !falseGuards.contains(r.part(1))) {
                        falseGuards.add(r.part(1));
                    }
                }
                case FIELD, SENT, ENTRY -> addOnce(differences, new Diagnosis.Difference(
                        Diagnosis.Difference.Kind.valueOf(r.kind().name()), r.part(1), r.part(2), r.part(3)));
                case SAFETY, CONTRACT -> addOnce(differences, new Diagnosis.Difference(
                        Diagnosis.Difference.Kind.valueOf(r.kind().name()), r.part(1), "", ""));
                case ACCEPTED, PROBED -> { }
            }
        }
        if (stuck == null) {
            return Optional.empty();
        }
        int index = Integer.parseInt(stuck.part(2));
        falseGuards.sort(null);
        return Optional.of(new Diagnosis(index, lineOf(trace, index), Integer.parseInt(stuck.part(3)), stuck.part(4),
                spec, falseGuards, differences));
    }

    private static Kind kind(String printed) {
        try {
            return Kind.valueOf(printed.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("TLC printed a record of unknown kind '" + printed + "'");
        }
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
