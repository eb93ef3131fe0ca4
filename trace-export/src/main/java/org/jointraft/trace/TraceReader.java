package org.jointraft.trace;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and validates NDJSON traces (docs/trace-format.md). Anything that does not follow the schema
 * raises {@link TraceFormatException} naming the line and field. Plain Java without static mutable
 * state, so a TLC operator override can create one and call it; one reader may open many traces.
 *
 * <pre>{@code
 * Trace trace = new TraceReader().readAll(path);
 * try (TraceCursor cursor = new TraceReader().open(path)) {
 *     TraceHeader header = cursor.header();
 *     while (cursor.hasNext()) { TraceEvent e = cursor.next(); ... }
 * }
 * }</pre>
 */
public final class TraceReader {

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads and validates the whole trace in {@code file}. */
    public Trace readAll(Path file) throws IOException {
        try (TraceCursor cursor = open(file)) {
            return drain(cursor);
        }
    }

    /** Reads and validates a whole UTF-8 trace from {@code in} (closes it). */
    public Trace readAll(InputStream in) throws IOException {
        try (TraceCursor cursor = open(in)) {
            return drain(cursor);
        }
    }

    /** Reads and validates a trace held in a string (tests, small traces). */
    public Trace parse(String text) {
        try {
            return readAll(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens {@code file}, reads and validates its header, and returns a cursor over its events. */
    public TraceCursor open(Path file) throws IOException {
        return open(Files.newInputStream(file));
    }

    /** Reads and validates the header from the UTF-8 stream {@code in} and returns a cursor over the events. */
    public TraceCursor open(InputStream in) throws IOException {
        ByteLines lines = new ByteLines(in);
        try {
            return new TraceCursor(lines, mapper);
        } catch (RuntimeException | IOException e) {
            lines.close();
            throw e;
        }
    }

    private static Trace drain(TraceCursor cursor) {
        List<TraceEvent> events = new ArrayList<>();
        while (cursor.hasNext()) {
            events.add(cursor.next());
        }
        return new Trace(cursor.header(), events);
    }
}
