package org.jointraft.conformance.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns TLC's messages and exit code into a {@link TlcResult}. The exit code and the messages must
 * tell the same story; when they do not, the result is an {@link TlcErrorKind#OTHER} error that says so.
 */
final class TlcResultInterpreter {
    static final int INVARIANT_VIOLATED = 2110;
    static final int INVARIANT_VIOLATED_INITIALLY = 2107;
    static final int DEADLOCK = 2114;
    static final int BEHAVIOR_HEADER = 2121;
    static final int STATE = 2217;
    static final int STATS = 2199;
    static final int DEPTH = 2194;
    static final int PARSE_FAILED = 3002;
    static final int TEMPORAL_VIOLATED = 2116;
    static final int COUNTER_EXAMPLE = 2264;
    static final int STUTTERING = 2218;
    static final int BACK_TO_STATE = 2122;
    /** TLC's exit code for a violated temporal property. */
    static final int EXIT_TEMPORAL = 13;

    private static final Pattern VIOLATED = Pattern.compile("^Invariant (\\S+) is violated");
    private static final Pattern BACK_TO = Pattern.compile("^(\\d+): Back to state:?\\s*<?(.*?)>?\\s*$", Pattern.DOTALL);
    private static final Pattern ACTION_NAME = Pattern.compile("^(.*?)(?: line \\d+, col \\d+ to line \\d+, col \\d+ of module \\S+)?$");
    /** SANY's progress chatter, which is not part of a parse error's explanation. */
    private static final Pattern SANY_CHATTER = Pattern.compile("^(Parsing file |Semantic processing of module ).*");
    private static final Set<Integer> NOT_ERROR_TEXT = Set.of(BEHAVIOR_HEADER, STATE);

    private TlcResultInterpreter() { }

    static TlcResult interpret(List<TlcMessage> messages, List<String> plainLines, int exitCode,
                               boolean timedOut, double seconds, TlcOutput output) {
        TlcStats stats = stats(messages, seconds);
        List<TlcState> trace = trace(messages);
        Optional<TlcMessage> violation = messages.stream()
                .filter(m -> m.code() == INVARIANT_VIOLATED || m.code() == INVARIANT_VIOLATED_INITIALLY).findFirst();
        boolean deadlock = messages.stream().anyMatch(m -> m.code() == DEADLOCK);

        if (timedOut) {
            return new TlcResult.Error(TlcErrorKind.TIMEOUT, "TLC did not finish within its time limit of "
                    + Math.round(seconds) + " s and was stopped", exitCode, trace, stats, output);
        }
        if (exitCode == 12 && violation.isPresent()) {
            TlcMessage v = violation.get();
            Matcher name = VIOLATED.matcher(v.text());
            if (!name.find()) {
                return mismatch("an invariant violation message without an invariant name: " + v.text(),
                        exitCode, trace, stats, output);
            }
            if (v.code() == INVARIANT_VIOLATED_INITIALLY) {
                String[] lines = v.text().split("\n", -1);
                trace = List.of(new TlcState(1, "Initial predicate", "", TlcStateParser.variables(lines, 1)));
            }
            return new TlcResult.InvariantViolated(name.group(1), trace, stats, output);
        }
        Optional<TlcResult.PropertyViolated> temporal = temporal(messages, stats, output);
        if (exitCode == EXIT_TEMPORAL && temporal.isPresent()) {
            return temporal.get();
        }
        if (exitCode == 11 && deadlock && violation.isEmpty()) {
            return new TlcResult.Deadlock(trace, stats, output);
        }
        String errorText = errorText(messages);
        if (exitCode == 0 && violation.isEmpty() && !deadlock && errorText.isEmpty()) {
            return new TlcResult.Ok(stats, output);
        }
        if (violation.isPresent() || deadlock || exitCode == 0 || exitCode == 11 || exitCode == 12) {
            return mismatch("exit code " + exitCode + " but messages say: "
                    + (violation.isPresent() ? violation.get().text() : deadlock ? "deadlock" : errorText),
                    exitCode, trace, stats, output);
        }
        TlcErrorKind kind = kindOf(exitCode);
        String text = errorText;
        if (kind == TlcErrorKind.PARSE) {
            text = String.join("\n", plainLines.stream()
                    .filter(l -> !l.isBlank() && !SANY_CHATTER.matcher(l).matches()).toList())
                    + (text.isEmpty() ? "" : "\n" + text);
        }
        if (text.isBlank()) {
            text = "TLC exited with code " + exitCode + " without explaining why; its output:\n" + output.raw();
        }
        return new TlcResult.Error(kind, text.strip(), exitCode, trace, stats, output);
    }

    static TlcErrorKind kindOf(int exitCode) {
        return switch (exitCode) {
            case 10 -> TlcErrorKind.ASSUME;
            case 14, 75 -> TlcErrorKind.EVALUATION;
            case 150 -> TlcErrorKind.PARSE;
            case 151 -> TlcErrorKind.CONFIG;
            default -> TlcErrorKind.OTHER;
        };
    }

    private static TlcResult mismatch(String what, int exitCode, List<TlcState> trace, TlcStats stats,
                                      TlcOutput output) {
        return new TlcResult.Error(TlcErrorKind.OTHER, "TLC's exit code and messages disagree: " + what,
                exitCode, trace, stats, output);
    }

    /** Error messages and whatever is nested in them, in the order TLC printed them. */
    private static String errorText(List<TlcMessage> messages) {
        List<String> parts = new ArrayList<>();
        Set<Integer> errorCodes = new java.util.HashSet<>();
        for (TlcMessage m : messages) {
            if (m.isError()) {
                errorCodes.add(m.code());
            }
            boolean partOfError = m.isError() || (m.parent() != 0 && errorCodes.contains(m.parent()));
            if (partOfError && !NOT_ERROR_TEXT.contains(m.code()) && !m.text().isEmpty()) {
                parts.add(m.text());
            }
        }
        return String.join("\n", parts);
    }

    /**
     * A liveness counter-example: "Temporal properties were violated" (2116), "The following behavior constitutes a
     * counter-example" (2264), its states (2217) and how it loops (2218 stuttering, 2122 back to state N). TLC 2.18
     * does not say which property; the caller knows the cfg's.
     */
    static Optional<TlcResult.PropertyViolated> temporal(List<TlcMessage> messages, TlcStats stats, TlcOutput output) {
        int from = -1;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).code() == TEMPORAL_VIOLATED) {
                from = i;
                break;
            }
        }
        if (from < 0) {
            return Optional.empty();
        }
        List<TlcState> trace = new ArrayList<>();
        TlcResult.Loop loop = null;
        for (TlcMessage m : messages.subList(from, messages.size())) {
            if (m.code() == STATE && loop == null) {
                trace.add(TlcStateParser.parse(m.text()));
            } else if (m.code() == STUTTERING && loop == null) {
                loop = TlcResult.Loop.STUTTERING;
            } else if (m.code() == BACK_TO_STATE && loop == null) {
                Matcher b = BACK_TO.matcher(m.text().strip());
                if (b.matches()) {
                    Matcher a = ACTION_NAME.matcher(b.group(2).strip());
                    loop = new TlcResult.Loop(Integer.parseInt(b.group(1)), a.matches() ? a.group(1) : b.group(2));
                }
            }
        }
        return Optional.of(new TlcResult.PropertyViolated(List.of(), trace, loop, stats, output));
    }

    private static List<TlcState> trace(List<TlcMessage> messages) {
        int from = 0;
        for (int i = 0; i < messages.size(); i++) {
            if (messages.get(i).code() == BEHAVIOR_HEADER) {
                from = i;
            }
        }
        return messages.subList(from, messages.size()).stream()
                .filter(m -> m.code() == STATE).map(m -> TlcStateParser.parse(m.text())).toList();
    }

    static TlcStats stats(List<TlcMessage> messages, double seconds) {
        long generated = 0;
        long distinct = 0;
        long depth = 0;
        Pattern statsLine = Pattern.compile("([\\d,]+) states generated, ([\\d,]+) distinct states found");
        Pattern depthLine = Pattern.compile("depth of the complete state graph search is ([\\d,]+)");
        for (TlcMessage m : messages) {
            if (m.code() == TlcOutputParser.PROGRESS_CODE) {
                Optional<TlcProgress> p = TlcOutputParser.parseProgress(m.text());
                if (p.isPresent()) {
                    generated = p.get().statesGenerated();
                    distinct = p.get().distinctStates();
                    depth = p.get().depth();
                }
            } else if (m.code() == STATS) {
                Matcher s = statsLine.matcher(m.text());
                if (s.find()) {
                    generated = TlcOutputParser.number(s.group(1));
                    distinct = TlcOutputParser.number(s.group(2));
                }
            } else if (m.code() == DEPTH) {
                Matcher d = depthLine.matcher(m.text());
                if (d.find()) {
                    depth = TlcOutputParser.number(d.group(1));
                }
            }
        }
        return new TlcStats(generated, distinct, depth, seconds);
    }
}
