package org.jointraft.trace;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
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

    /** Reads and validates a whole trace from {@code in} (closes it). */
    public Trace readAll(Reader in) throws IOException {
        try (TraceCursor cursor = open(in)) {
            return drain(cursor);
        }
    }

    /** Reads and validates a trace held in a string (tests, small traces). */
    public Trace parse(String text) {
        try {
            return readAll(new StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens {@code file}, reads and validates its header, and returns a cursor over its events. */
    public TraceCursor open(Path file) throws IOException {
        return open(Files.newBufferedReader(file, StandardCharsets.UTF_8));
    }

    /** Reads and validates the header from {@code in} and returns a cursor over the events. */
    public TraceCursor open(Reader in) throws IOException {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in, 1 << 16);
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
