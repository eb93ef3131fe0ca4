package org.jointraft.datadriven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One command line of a data-driven test file: its name and its arguments, each a bare word ({@code retain},
 * {@code {1,2}}) or {@code key=value}. A double-quoted part keeps its spaces: {@code "{1,2} learners {3}"}, {@code
 * m="{1} learners {2}"}; the quotes are dropped.
 *
 * @param file the file the command is in
 * @param line its line number (1-based)
 */
public record Command(Path file, int line, String name, List<Arg> args) {

    /** One argument; {@code value} is null for a bare word. */
    public record Arg(String key, String value) {
        public boolean bare() {
            return value == null;
        }
    }

    public Command {
        args = List.copyOf(args);
    }

    /** Parses {@code text} (one line, not blank). */
    static Command parse(Path file, int line, String text) {
        List<Arg> words = new ArrayList<>();
        StringBuilder token = new StringBuilder();
        int eq = -1; // where the first '=' outside quotes is in token
        boolean quoted = false;
        boolean any = false;
        String chars = text.strip() + " ";
        for (char c : chars.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    String t = token.toString();
                    words.add(eq > 0 ? new Arg(t.substring(0, eq), t.substring(eq + 1)) : new Arg(t, null));
                }
                token.setLength(0);
                eq = -1;
                any = false;
            } else {
                if (c == '=' && !quoted && eq < 0) {
                    eq = token.length();
                }
                token.append(c);
                any = true;
            }
        }
        if (quoted) {
            throw new IllegalArgumentException(file.getFileName() + ":" + line + ": unclosed \" in: " + text);
        }
        return new Command(file, line, words.get(0).key(), words.subList(1, words.size()));
    }

    /** Where the command is, for messages: {@code changes.txt:12}. */
    public String where() {
        return file.getFileName() + ":" + line;
    }

    /** The value of {@code key=...}; throws naming the file and line when it is missing. */
    public String arg(String key) {
        return optional(key).orElseThrow(() -> problem("missing argument " + key + "=..."));
    }

    /** The value of {@code key=...}, if given. */
    public Optional<String> optional(String key) {
        return args.stream().filter(a -> !a.bare() && a.key().equals(key)).map(Arg::value).findFirst();
    }

    /** Whether the bare word {@code word} is given. */
    public boolean has(String word) {
        return args.stream().anyMatch(a -> a.bare() && a.key().equals(word));
    }

    /** The bare word at {@code position} among the bare words (0-based); throws when there are fewer. */
    public String positional(int position) {
        List<String> bare = args.stream().filter(Arg::bare).map(Arg::key).toList();
        if (position >= bare.size()) {
            throw problem("expected at least " + (position + 1) + " bare argument(s)");
        }
        return bare.get(position);
    }

    /** An exception for a malformed command, naming the file and line. */
    public IllegalArgumentException problem(String what) {
        return new IllegalArgumentException(where() + ": " + name + ": " + what);
    }
}
