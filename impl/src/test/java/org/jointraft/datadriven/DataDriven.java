package org.jointraft.datadriven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;

/**
 * Golden tests in the style of etcd raft's {@code testdata/*.txt}. A file is a sequence of cases: a command line,
 * a line {@code ----}, and the output the command must print, which ends at the next blank line (or the end of the
 * file). An output that itself holds blank lines is fenced by a second {@code ----} line above and two below. Lines
 * starting with {@code #} and blank lines between cases are comments. The {@link Handler} runs the commands of one
 * file in order on one fresh state, so a file tells a story.
 *
 * <pre>
 * # retain keeps a removed voter as a learner
 * goal {1,2,3} remove-voters=3 retain
 * ----
 * {1,2} learners {3}
 * </pre>
 *
 * Every case of a file runs even after a mismatch; the failure names the file and the line of each mismatching
 * command and carries the whole expected and actual text, so an IDE shows the diff. Rewrite mode, the JVM system
 * property {@code rewrite=true} (from Maven: {@code mvn test -Drewrite=true}, which the build passes on to the
 * forked test JVM), writes what the handler printed into the file instead; review the change with {@code git diff}.
 */
public final class DataDriven {

    /** The system property that turns on rewrite mode. */
    public static final String REWRITE = "rewrite";

    private static final String SEPARATOR = "----";

    /** Runs one file's commands. */
    @FunctionalInterface
    public interface Handler {
        /** The command's output (a trailing newline is optional); throw for a malformed command. */
        String run(Command command);
    }

    private DataDriven() {
    }

    /**
     * One dynamic test per {@code *.txt} file of {@code dir} (relative to the module directory, where Maven runs
     * tests; the files are read and rewritten there, not on the classpath), each with a fresh handler.
     */
    public static Stream<DynamicTest> tests(Path dir, Supplier<Handler> handlers) {
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.getFileName().toString().endsWith(".txt")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the test data directory " + dir.toAbsolutePath(), e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no *.txt test data in " + dir.toAbsolutePath());
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), f.toUri(),
                () -> run(f, handlers.get())));
    }

    /** Runs every case of {@code file}: compares, or in rewrite mode writes the actual outputs. */
    public static void run(Path file, Handler handler) throws IOException {
        run(file, handler, Boolean.getBoolean(REWRITE));
    }

    static void run(Path file, Handler handler, boolean rewrite) throws IOException {
        String original = Files.readString(file, StandardCharsets.UTF_8);
        List<Object> parts = parse(file, original);
        List<String> mismatches = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Case c) {
                String actual = execute(c.command(), handler);
                if (!actual.equals(c.output())) {
                    mismatches.add(c.command().where() + ": " + c.text() + "\n    expected:\n" + indent(c.output())
                            + "\n    actual:\n" + indent(actual));
                }
                parts.set(i, new Case(c.command(), c.text(), actual));
            }
        }
        String rewritten = render(parts);
        if (rewrite) {
            if (!rewritten.equals(original)) {
                Files.writeString(file, rewritten, StandardCharsets.UTF_8);
            }
            return;
        }
        if (!mismatches.isEmpty()) {
            throw new AssertionFailedError(mismatches.size() + " command(s) printed other output than " + file
                    + " expects (run with -D" + REWRITE + "=true to accept the new output):\n  "
                    + String.join("\n  ", mismatches) + "\n", original, rewritten);
        }
    }

    private static String indent(String output) {
        return output.isEmpty() ? "      (nothing)" : output.lines().map(l -> "      " + l)
                .collect(Collectors.joining("\n"));
    }

    private static String execute(Command command, Handler handler) {
        String out;
        try {
            out = handler.run(command);
        } catch (RuntimeException e) {
            throw new AssertionError(command.where() + ": " + command.name() + " failed: " + e, e);
        }
        return out == null ? "" : out.stripTrailing();
    }

    /** A command, its line as written, and its output (no trailing newline). */
    private record Case(Command command, String text, String output) {
    }

    /** Cases and, between them, verbatim lines (comments, blank lines). */
    private static List<Object> parse(Path file, String text) {
        List<String> lines = text.lines().toList();
        List<Object> parts = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                parts.add(line);
                i++;
                continue;
            }
            Command command = Command.parse(file, i + 1, line);
            if (i + 1 >= lines.size() || !lines.get(i + 1).equals(SEPARATOR)) {
                throw new IllegalArgumentException(file.getFileName() + ":" + (i + 2) + ": expected " + SEPARATOR
                        + " after the command " + command.name());
            }
            List<String> out = new ArrayList<>();
            int j = i + 2;
            if (j < lines.size() && lines.get(j).equals(SEPARATOR)) {
                // fenced: up to the line pair ---- ----
                j++;
                while (j + 1 < lines.size() && !(lines.get(j).equals(SEPARATOR) && lines.get(j + 1).equals(SEPARATOR))) {
                    out.add(lines.get(j++));
                }
                if (j + 1 >= lines.size()) {
                    throw new IllegalArgumentException(file.getFileName() + ":" + (i + 3) + ": the output of "
                            + command.name() + " opened by two " + SEPARATOR + " lines is not closed by two");
                }
                j += 2;
            } else {
                while (j < lines.size() && !lines.get(j).isBlank()) {
                    out.add(lines.get(j++));
                }
            }
            parts.add(new Case(command, line, String.join("\n", out)));
            i = j;
        }
        return parts;
    }

    private static String render(List<Object> parts) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (parts.get(i) instanceof Case c) {
                text.append(c.text()).append('\n').append(SEPARATOR).append('\n');
                boolean fenced = c.output().lines().anyMatch(String::isBlank);
                if (fenced) {
                    text.append(SEPARATOR).append('\n').append(c.output()).append('\n')
                            .append(SEPARATOR).append('\n').append(SEPARATOR).append('\n');
                } else {
                    text.append(c.output().isEmpty() ? "" : c.output() + "\n");
                    boolean nextIsBlank = i + 1 >= parts.size() || parts.get(i + 1) instanceof String s && s.isBlank();
                    if (!nextIsBlank) {
                        text.append('\n'); // an unfenced output ends at a blank line
                    }
                }
            } else {
                text.append(parts.get(i)).append('\n');
            }
        }
        return text.toString();
    }
}
