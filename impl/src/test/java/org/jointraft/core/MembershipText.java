package org.jointraft.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jointraft.datadriven.Command;

/**
 * Memberships and changes as the data-driven test files write them: a membership as {@link Membership#toString()}
 * prints it ({@code {1,2}}, {@code [{1},{1,2}]}, {@code "{1,2} learners {4}"}), changes as arguments {@code
 * add-voters=2,3}, {@code remove-voters=}, {@code replace-all-voters=}, {@code add-learners=}, {@code
 * remove-learners=} in the order given. The parser does not validate: {@code {}}, {@code [{1},{2},{3}]} and
 * {@code {0}} reach the constructors, whose errors the files show.
 */
final class MembershipText {

    private MembershipText() {
    }

    static Membership membership(String text) {
        String t = text.strip();
        Set<Integer> learners = Set.of();
        int at = t.indexOf(" learners ");
        if (at >= 0) {
            learners = set(t.substring(at + " learners ".length()));
            t = t.substring(0, at).strip();
        }
        List<SortedSet<Integer>> configs = new ArrayList<>();
        if (t.startsWith("[")) {
            String inner = t.substring(1, t.length() - 1).strip();
            for (String config : inner.isEmpty() ? new String[0] : inner.split("(?<=}),")) {
                configs.add(set(config));
            }
        } else {
            configs.add(set(t));
        }
        return new Membership(configs, new TreeSet<>(learners));
    }

    /** {@code {1,2}} or {@code 1,2}; {@code {}} or nothing is the empty set. */
    static SortedSet<Integer> set(String text) {
        String t = text.strip();
        if (t.startsWith("{") != t.endsWith("}")) {
            throw new IllegalArgumentException("unbalanced braces in " + text);
        }
        t = t.replace("{", "").replace("}", "").strip();
        TreeSet<Integer> nodes = new TreeSet<>();
        for (String n : t.isEmpty() ? new String[0] : t.split(",")) {
            nodes.add(Integer.parseInt(n.strip()));
        }
        return nodes;
    }

    /** {@code {1,2}}, as memberships print their sets. */
    static String braces(Set<Integer> nodes) {
        return nodes.toString().replace('[', '{').replace(']', '}').replace(" ", "");
    }

    /** The change arguments of {@code command}, in order. */
    static List<MembershipChange> changes(Command command) {
        List<MembershipChange> changes = new ArrayList<>();
        for (Command.Arg a : command.args()) {
            if (a.bare()) {
                continue;
            }
            switch (a.key()) {
                case "add-voters" -> changes.add(new MembershipChange.AddVoters(set(a.value())));
                case "remove-voters" -> changes.add(new MembershipChange.RemoveVoters(set(a.value())));
                case "replace-all-voters" -> changes.add(new MembershipChange.ReplaceAllVoters(set(a.value())));
                case "add-learners" -> changes.add(new MembershipChange.AddLearners(set(a.value())));
                case "remove-learners" -> changes.add(new MembershipChange.RemoveLearners(set(a.value())));
                default -> {
                    // not a change: another argument of the command
                }
            }
        }
        return changes;
    }

    /** {@code changes} as the files write them: {@code add-voters=2 remove-learners=6}. */
    static String format(List<MembershipChange> changes) {
        List<String> words = new ArrayList<>();
        for (MembershipChange c : changes) {
            String kind = c.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
            words.add(kind + "=" + braces(c.nodes()).replace("{", "").replace("}", ""));
        }
        return String.join(" ", words);
    }

    /** How a rejected membership or change reads in the files. */
    static String error(MembershipException e) {
        return "error " + e.problem() + ": " + e.getMessage();
    }
}
