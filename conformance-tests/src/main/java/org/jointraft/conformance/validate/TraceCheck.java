package org.jointraft.conformance.validate;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@code jointraft check} says about one trace file: TLC's verdict, or why the file could not be validated.
 *
 * @param name    the file as the user named it ({@code <stdin>} for standard input)
 * @param verdict TLC's verdict; present iff there is no problem
 * @param problem why there is no verdict; present iff there is no verdict
 * @param warnings what the verdict does not cover (a schema version 1 trace: its membership calls were not checked)
 */
public record TraceCheck(String name, Optional<Verdict> verdict, Optional<Problem> problem, List<String> warnings) {

    /** The three outcomes, as {@code --json} spells them in lower case. */
    public enum Status { ACCEPTED, REJECTED, ERROR }

    /**
     * A file that cannot be validated: missing, unreadable, or not following docs/trace-format.md.
     *
     * @param message what is wrong, without the file name ({@code line 3: field "node": missing})
     * @param line    the 1-based line the reader refused, or 0 when the problem is not a line's
     * @param field   the path of the refused field ({@code msg.entries[2].term}), or null
     */
    public record Problem(String message, long line, String field) {
        public Problem {
            Objects.requireNonNull(message, "message");
        }

        /** A problem of the file as a whole (missing, unreadable). */
        public static Problem ofFile(String message) {
            return new Problem(message, 0, null);
        }
    }

    public TraceCheck {
        Objects.requireNonNull(name, "name");
        if (verdict.isPresent() == problem.isPresent()) {
            throw new IllegalArgumentException("a trace check has either a verdict or a problem");
        }
        warnings = List.copyOf(warnings);
    }

    public TraceCheck(String name, Optional<Verdict> verdict, Optional<Problem> problem) {
        this(name, verdict, problem, List.of());
    }

    /** The same result with {@code warning} added. */
    public TraceCheck warn(String warning) {
        List<String> all = new java.util.ArrayList<>(warnings);
        all.add(warning);
        return new TraceCheck(name, verdict, problem, all);
    }

    public static TraceCheck of(String name, Verdict verdict) {
        return new TraceCheck(name, Optional.of(verdict), Optional.empty());
    }

    public static TraceCheck error(String name, Problem problem) {
        return new TraceCheck(name, Optional.empty(), Optional.of(problem));
    }

    /** The same result under another name (a copy of standard input is shown as the input, not as the copy). */
    public TraceCheck named(String other) {
        return new TraceCheck(other, verdict, problem, warnings);
    }

    public Status status() {
        return verdict.map(v -> v.accepted() ? Status.ACCEPTED : Status.REJECTED).orElse(Status.ERROR);
    }
}
