package org.jointraft.conformance.sim;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The kinds of trouble a random run may inject; their names are those of {@code --faults}. */
public enum Fault {
    /** The network loses a message (traced as DropMessage). */
    DROP,
    /** The network delivers a message twice (traced as DuplicateMessage). */
    DUPLICATE,
    /** Messages of one link overtake each other (without it every link is FIFO, still with random delays). */
    REORDER,
    /** The nodes split into two groups that cannot talk to each other. */
    PARTITION,
    /** Some directed links stop working in one direction only. */
    ONEWAY,
    /** A node crashes and later restarts from its durable state. */
    CRASH,
    /** Random concurrent membership calls of every kind. */
    MEMBERSHIP;

    /** The name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Every fault kind. */
    public static Set<Fault> all() {
        return EnumSet.allOf(Fault.class);
    }

    /**
     * Parses a comma-separated list such as {@code drop,duplicate,crash}; {@code all} means every kind and
     * {@code none} none. An empty list is refused rather than read as none, so that a flag whose value got lost
     * (an unset shell variable) does not quietly turn every fault off.
     *
     * @throws IllegalArgumentException naming the unknown entry and the known ones, or saying the list is empty
     */
    public static Set<Fault> parseList(String text) {
        EnumSet<Fault> faults = EnumSet.noneOf(Fault.class);
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("the fault list is empty; write none for a run without faults");
        }
        if (trimmed.equals("none")) {
            return faults;
        }
        if (trimmed.equals("all")) {
            return all();
        }
        for (String part : trimmed.split(",")) {
            String name = part.trim();
            Fault fault = byName(name);
            if (fault == null) {
                throw new IllegalArgumentException("unknown fault '" + name + "' in '" + text
                        + "'; the faults are: " + formatList(all()) + " (or all, none)");
            }
            faults.add(fault);
        }
        return faults;
    }

    /** The list form {@link #parseList} reads, in declaration order; {@code none} for the empty set. */
    public static String formatList(Set<Fault> faults) {
        if (faults.isEmpty()) {
            return "none";
        }
        List<String> names = new ArrayList<>();
        for (Fault f : values()) {
            if (faults.contains(f)) {
                names.add(f.cliName());
            }
        }
        return String.join(",", names);
    }

    private static Fault byName(String name) {
        for (Fault f : values()) {
            if (f.cliName().equals(name)) {
                return f;
            }
        }
        return null;
    }
}
