package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jointraft.conformance.tlc.SpecSource;
import org.jointraft.conformance.validate.TraceValidator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code jointraft check} on inputs that are not plain files: standard input ({@code -}), a pipe, a directory. */
class CheckInputTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private static Path valid() {
        try {
            return Path.of(CheckInputTest.class.getResource("/traces/valid/election-with-a-voter.ndjson").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private int check(InputStream stdin, String... args) {
        CheckCommand command = new CheckCommand(() -> TraceValidator.local().withSpec(SpecSource.directory(Path.of("..", "spec"))),
                stdin);
        String[] all = new String[args.length + 1];
        all[0] = "check";
        System.arraycopy(args, 0, all, 1, args.length);
        return Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true), List.of(command)).execute(all);
    }

    @Test
    void aDashReadsTheTraceFromStandardInputAndShowsItAsStdin() throws IOException {
        int code = check(Files.newInputStream(valid()), "-");

        assertThat(code).as(out + "\n" + err).isEqualTo(Main.OK);
        assertThat(out.toString()).startsWith("ACCEPTED <stdin> (5 events, ").contains("1 accepted, 0 rejected, 0 errors");
    }

    @Test
    void aMalformedTraceOnStandardInputNamesStdinTheLineAndTheField() throws IOException {
        String text = Files.readString(valid()).replaceFirst("\"seq\":2", "\"seq\":\"two\"");

        int code = check(new ByteArrayInputStream(text.getBytes()), "-", "-");

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(out.toString()).contains("ERROR <stdin>: line 3: field \"seq\": expected integer, got string")
                .contains("ERROR <stdin>: standard input was already read for an earlier '-'")
                .contains("0 accepted, 0 rejected, 2 errors");
    }

    @Test
    @Timeout(120) // handed on uncopied, TLC would wait for a second writer that never comes
    void aNamedPipeIsCopiedSoThatTlcCanReadIt() throws Exception {
        Path fifo = dir.resolve("trace.fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try (OutputStream o = Files.newOutputStream(fifo)) {
                o.write(Files.readAllBytes(valid()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });

        int code = check(InputStream.nullInputStream(), fifo.toString());

        writer.get();
        assertThat(code).as(out + "\n" + err).isEqualTo(Main.OK);
        assertThat(out.toString()).startsWith("ACCEPTED " + fifo + " (5 events, ");
    }

    @Test
    void crlfLineEndsAndAMissingFinalNewlineAreAcceptedByTlcToo() throws IOException {
        String text = Files.readString(valid());
        Path crlf = Files.writeString(dir.resolve("crlf.ndjson"), text.replace("\n", "\r\n"));
        Path unterminated = Files.writeString(dir.resolve("unterminated.ndjson"), text.substring(0, text.length() - 1));

        int code = check(InputStream.nullInputStream(), crlf.toString(), unterminated.toString());

        assertThat(code).as(out + "\n" + err).isEqualTo(Main.OK);
        assertThat(out.toString()).contains("ACCEPTED " + crlf + " (5 events").contains("ACCEPTED " + unterminated + " (5 events");
    }

    @Test
    void aDirectoryIsAnErrorOfItsOwn() {
        int code = check(InputStream.nullInputStream(), "--json", dir.toString());

        assertThat(code).isEqualTo(Main.BAD_INPUT);
        assertThat(out.toString()).contains("\"status\":\"error\"").contains("is a directory, not a trace file");
    }
}
