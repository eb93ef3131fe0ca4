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

    private JsonNode parse() {
        if (lines.isBlank()) {
            throw new TraceFormatException(lineNumber, null, "empty line");
        }
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
