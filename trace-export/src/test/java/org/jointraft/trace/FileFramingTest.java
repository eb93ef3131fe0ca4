package org.jointraft.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jointraft.trace.CorpusTest.HEADER;
import static org.jointraft.trace.CorpusTest.STATE;
import static org.jointraft.trace.CorpusTest.TIMEOUT;
import static org.jointraft.trace.CorpusTest.event;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import org.junit.jupiter.api.Test;

/**
 * How lines are framed (docs/trace-format.md, "The file"): CRLF line ends and a missing final newline are
 * accepted, as they change no value; a byte order mark and UTF-16/UTF-32 are refused naming the line. That
 * the writer writes LF, a final newline and no byte order mark is RoundTripTest's.
 */
class FileFramingTest {
    private static final String SECOND = event(2, 1, "Timeout", "", STATE.replace("\"term\":1", "\"term\":2"));

    private static Trace read(String text) {
        return new TraceReader().parse(text);
    }

    private static Trace read(byte[] bytes) throws IOException {
        return new TraceReader().readAll(new ByteArrayInputStream(bytes));
    }

    private static void assertRefused(String text, long line, String problem) {
        assertThatThrownBy(() -> read(text)).isInstanceOfSatisfying(TraceFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(line);
            assertThat(e.getMessage()).startsWith("line " + line + ": ").contains(problem);
        });
    }

    @Test
    void crlfLineEndsReadAsLfOnes() {
        Trace lf = read(HEADER + "\n" + TIMEOUT + "\n" + SECOND + "\n");

        assertThat(read(HEADER + "\r\n" + TIMEOUT + "\r\n" + SECOND + "\r\n")).isEqualTo(lf);
        assertThat(lf.events()).hasSize(2);
    }

    @Test
    void aLastLineWithoutItsNewlineIsRead() {
        Trace lf = read(HEADER + "\n" + TIMEOUT + "\n" + SECOND + "\n");

        assertThat(read(HEADER + "\n" + TIMEOUT + "\n" + SECOND)).isEqualTo(lf);
        assertThat(read(HEADER + "\r\n" + TIMEOUT + "\r\n" + SECOND)).isEqualTo(lf);
        assertThat(read(HEADER).events()).isEmpty();
    }

    @Test
    void whitespaceAroundTheObjectIsIgnored() {
        assertThat(read(HEADER + " \t\n  " + TIMEOUT + "\n").events()).hasSize(1);
    }

    @Test
    void aLineOfOnlyACarriageReturnIsAnEmptyLine() {
        assertRefused(HEADER + "\n\r\n" + TIMEOUT + "\n", 2, "empty line");
    }

    @Test
    void aByteOrderMarkAtTheStartIsRefused() {
        assertRefused("\uFEFF" + HEADER + "\n" + TIMEOUT + "\n", 1, "byte order mark");
    }

    @Test
    void aByteOrderMarkInsideTheFileIsRefusedAtItsLine() {
        assertRefused(HEADER + "\n" + TIMEOUT + "\n\uFEFF" + SECOND + "\n", 3, "byte order mark");
    }

    @Test
    void utf16AndUtf32AreRefusedAsNotUtf8() {
        String text = HEADER + "\n" + TIMEOUT + "\n";
        for (String charset : new String[] {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
            byte[] bytes = text.getBytes(Charset.forName(charset));
            assertThatThrownBy(() -> read(bytes)).as(charset).isInstanceOfSatisfying(TraceFormatException.class, e -> {
                assertThat(e.line()).isEqualTo(1);
                assertThat(e.getMessage()).contains("not UTF-8");
            });
        }
    }
}
