package org.jointraft.trace;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the validated events of one trace, a line at a time; get one from {@link TraceReader#open}.
 * Each line is parsed and checked when it is reached, so an error surfaces from {@link #hasNext()} or
 * {@link #next()} as a {@link TraceFormatException}; I/O errors surface as {@link UncheckedIOException}.
 */
public final class TraceCursor implements Iterator<TraceEvent>, Closeable {

    private final ByteLines lines;
    private final ObjectMapper mapper;
    private final LineDecoder decoder = new LineDecoder();
    private final TraceHeader header;
    private long lineNumber;
    private TraceEvent pending;
    private boolean finished;

    TraceCursor(ByteLines lines, ObjectMapper mapper) throws IOException {
        this.lines = lines;
        this.mapper = mapper;
        lineNumber = 1;
        if (!lines.next()) {
            throw new TraceFormatException(1, null, "empty trace: the header line is missing");
        }
        header = decoder.header(parse(), 1);
    }

    public TraceHeader header() {
        return header;
    }

    /** The number of the last line read (1 = the header). */
    public long lineNumber() {
        return lineNumber;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            pending = readEvent();
            finished = pending == null;
        }
        return pending != null;
    }

    @Override
    public TraceEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the trace has no more events");
        }
        TraceEvent e = pending;
        pending = null;
        return e;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    private TraceEvent readEvent() {
        try {
            if (!lines.next()) {
                return null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lineNumber++;
        // seq n lives on line n + 1, right after the header.
        return decoder.event(parse(), lineNumber, lineNumber - 1);
    }

    /**
     * Jackson guesses each line's encoding from its first bytes and skips a byte order mark; a trace is UTF-8
     * without one (docs/trace-format.md), so those bytes are refused here rather than silently accepted.
     */
    private void requireUtf8() {
        byte[] b = lines.buffer();
        int s = lines.start();
        int n = lines.length();
        if (n >= 3 && b[s] == (byte) 0xEF && b[s + 1] == (byte) 0xBB && b[s + 2] == (byte) 0xBF) {
            throw new TraceFormatException(lineNumber, null,
                    "starts with a UTF-8 byte order mark (EF BB BF); a trace is UTF-8 without one");
        }
        for (int i = s; i < s + Math.min(n, 4); i++) {
            // 00 starts no JSON text; FE and FF are never UTF-8: UTF-16 or UTF-32 (with or without a BOM).
            if (b[i] == 0 || b[i] == (byte) 0xFE || b[i] == (byte) 0xFF) {
                throw new TraceFormatException(lineNumber, null, "not UTF-8 (byte " + String.format("%02X", b[i] & 0xFF)
                        + " near the start; a UTF-16 or UTF-32 file?)");
            }
        }
    }

    private JsonNode parse() {
        if (lines.isBlank()) {
            throw new TraceFormatException(lineNumber, null, "empty line");
        }
        requireUtf8();
        try {
            return mapper.readTree(lines.buffer(), lines.start(), lines.length());
        } catch (JsonProcessingException e) {
            throw new TraceFormatException(lineNumber, null,
                    "not valid JSON (a truncated line?): " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
