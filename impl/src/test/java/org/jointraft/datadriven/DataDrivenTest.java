package org.jointraft.datadriven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/** The runner itself: parsing, comparing, rewriting, and errors that name the file and the line. */
class DataDrivenTest {

    @TempDir
    Path dir;

    /** Echoes its arguments, one per line; {@code blank} puts a blank line between them; {@code boom} throws. */
    private static String echo(Command c) {
        if (c.name().equals("boom")) {
            throw new IllegalStateException("boom");
        }
        List<String> lines = new ArrayList<>();
        for (Command.Arg a : c.args()) {
            lines.add(a.bare() ? a.key() : a.key() + " is " + a.value());
        }
        return String.join(c.name().equals("blank") ? "\n\n" : "\n", lines);
    }

    private Path file(String text) throws IOException {
        return Files.writeString(dir.resolve("cases.txt"), text);
    }

    @Test
    void matchingOutputsPassIncludingQuotedAndFencedOnes() throws IOException {
        Path f = file("""
                # a comment
                echo a k=v "x y" m="{1} learners {2}"
                ----
                a
                k is v
                x y
                m is {1} learners {2}

                blank a b
                ----
                ----
                a

                b
                ----
                ----
                echo
                ----
                """);
        DataDriven.run(f, DataDrivenTest::echo, false);
    }

    @Test
    void aMismatchNamesTheFileTheLineAndBothOutputsAndTheOtherCasesStillRun() throws IOException {
        Path f = file("echo a\n----\nb\n\necho c\n----\nc\n\necho d\n----\nx\n");
        assertThatThrownBy(() -> DataDriven.run(f, DataDrivenTest::echo, false))
                .isInstanceOfSatisfying(AssertionFailedError.class, e -> {
                    assertThat(e.getMessage()).contains("2 command(s)", "cases.txt:1: echo a", "cases.txt:9: echo d",
                            "expected:\n      b\n    actual:\n      a").doesNotContain("cases.txt:5");
                    assertThat(e.getExpected().getStringRepresentation()).contains("----\nb\n");
                    assertThat(e.getActual().getStringRepresentation()).contains("----\na\n");
                });
    }

    @Test
    void rewriteReplacesOnlyTheOutputsAndFencesOutputWithBlankLines() throws IOException {
        Path f = file("# keep me\necho a\n----\nold\n\n# and me\nblank a b\n----\nold\n\n"
                + "echo c\n----\n----\nold\n\nold\n----\n----\necho d\n----\n");
        DataDriven.run(f, DataDrivenTest::echo, true);
        assertThat(Files.readString(f)).isEqualTo("# keep me\necho a\n----\na\n\n# and me\nblank a b\n----\n----\n"
                + "a\n\nb\n----\n----\n\necho c\n----\nc\n\necho d\n----\nd\n");
        DataDriven.run(f, DataDrivenTest::echo, false);
    }

    @Test
    void malformedFilesAndFailingCommandsNameTheFileAndLine() throws IOException {
        Path missing = file("# comment\necho a\na\n");
        assertThatThrownBy(() -> DataDriven.run(missing, DataDrivenTest::echo, false))
                .hasMessage("cases.txt:3: expected ---- after the command echo");
        Path unclosed = file("echo a\n----\n----\na\n");
        assertThatThrownBy(() -> DataDriven.run(unclosed, DataDrivenTest::echo, false))
                .hasMessageContaining("cases.txt:3: the output of echo opened by two ---- lines is not closed");
        Path quote = file("echo \"a\n----\n");
        assertThatThrownBy(() -> DataDriven.run(quote, DataDrivenTest::echo, false))
                .hasMessageContaining("cases.txt:1: unclosed \"");
        Path boom = file("echo a\n----\na\n\nboom\n----\n");
        assertThatThrownBy(() -> DataDriven.run(boom, DataDrivenTest::echo, false))
                .hasMessageStartingWith("cases.txt:5: boom failed: java.lang.IllegalStateException: boom");
    }

    @Test
    void aMissingArgumentNamesTheFileAndLine() {
        Command c = Command.parse(dir.resolve("cases.txt"), 7, "next {1} learners=2");
        assertThat(c.optional("learners")).hasValue("2");
        assertThat(c.positional(0)).isEqualTo("{1}");
        assertThat(c.has("{1}")).isTrue();
        assertThatThrownBy(() -> c.arg("goal")).hasMessage("cases.txt:7: next: missing argument goal=...");
        assertThatThrownBy(() -> c.positional(1)).hasMessageStartingWith("cases.txt:7: next: expected at least 2");
    }
}
