package org.jointraft.trace;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jointraft.trace.TraceMessage.AppendEntries;
import org.jointraft.trace.TraceMessage.AppendEntriesResponse;
import org.jointraft.trace.TraceMessage.InstallSnapshot;
import org.jointraft.trace.TraceMessage.RequestVote;
import org.jointraft.trace.TraceMessage.RequestVoteResponse;
import org.jointraft.trace.TraceVocabulary.EventType;
import org.jointraft.trace.TraceVocabulary.Field;

/**
 * Writes a trace as NDJSON with Jackson's streaming generator: the header, then one event a line, numbered
 * 1, 2, ... in {@code seq}, fields in the order {@link TraceVocabulary} declares them, so that equal runs give
 * byte-identical files. Each line is generated into a
 * private buffer first, so an event refused for an out-of-range integer leaves nothing behind. Not
 * thread-safe.
 */
public final class TraceWriter implements TraceSink, Closeable {

    private final JsonFactory factory = new JsonFactory();
    private final OutputStream out;
    private final LineBuffer line = new LineBuffer();
    private JsonGenerator gen;
    private boolean headerWritten;
    private int version = TraceHeader.VERSION;
    /** The seq of the last event line written (0 after the header). */
    private long seq;

    /** A writer onto {@code out} (buffered here; closing the writer closes {@code out}). */
    public TraceWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 1 << 16);
        this.gen = newGenerator();
    }

    /** A writer that creates or truncates {@code file}. */
    public static TraceWriter open(Path file) throws IOException {
        return new TraceWriter(Files.newOutputStream(file));
    }

    /** Writes the header; must come first, once. */
    public void writeHeader(TraceHeader header) throws IOException {
        if (headerWritten) {
            throw new IllegalStateException("the header is already written");
        }
        seq = 0;
        version = header.version();
        try {
            gen.writeStartObject();
            gen.writeStringField("schema", TraceHeader.SCHEMA);
            gen.writeNumberField("version", header.version());
            gen.writeFieldName("nodes");
            writeIds(header.nodes());
            gen.writeFieldName("bootstrap");
            writeMembership("bootstrap", header.bootstrap(), -1);
            gen.writeNumberField("seed", header.seed());
            gen.writeStringField("scenario", header.scenario());
            if (header.options() != null) {
                gen.writeStringField("options", header.options());
            }
            gen.writeEndObject();
        } catch (TraceWriteException e) {
            discardLine();
            throw e;
        }
        commitLine();
        headerWritten = true;
    }

    /** Writes one event as one line. */
    public void write(TraceEvent event) throws IOException {
        if (!headerWritten) {
            throw new IllegalStateException("write the header before the first event");
        }
        try {
            writeEvent(seq + 1, event);
        } catch (TraceWriteException e) {
            discardLine();
            throw e;
        }
        commitLine();
        seq++;
    }

    /** {@link #write} for use as a {@link TraceSink}; I/O errors become {@link UncheckedIOException}. */
    @Override
    public void accept(TraceEvent event) {
        try {
            write(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        gen.close();
        out.close();
    }

    private void writeEvent(long lineSeq, TraceEvent e) throws IOException {
        EventType type = TraceVocabulary.of(e);
        if (version < TraceHeader.VERSION) {
            requireOlderVersion(type, e);
        }
        gen.writeStartObject();
        writeInt("seq", "seq", lineSeq);
        gen.writeNumberField("node", e.node());
        gen.writeStringField("event", type.name());
        for (Field f : type.fields()) {
            Object value = f.get(e);
            if (value != null) {
                writeField(f.name(), value);
            } else if (!f.optional()) {
                throw new IllegalArgumentException(type.name() + "." + f.name() + " is required");
            }
        }
        gen.writeEndObject();
    }

    /** Refuses an event that the (older) schema version of the header does not have. */
    private void requireOlderVersion(EventType type, TraceEvent e) {
        if (type.since() > version) {
            throw new IllegalArgumentException(type.name() + " is new in schema version " + type.since()
                    + "; the header says version " + version);
        }
        for (Field f : type.fields()) {
            if (f.since() > version && f.get(e) != null) {
                throw new IllegalArgumentException(type.name() + "." + f.name() + " is new in schema version "
                        + f.since() + "; the header says version " + version);
            }
        }
        // an older trace has no snapshots: its states leave snapshotIndex out, which reads back as 0
        if (version < 3 && e instanceof TraceEvent.NodeEvent n && n.state().snapshotIndex() != 0) {
            throw new IllegalArgumentException(type.name() + ".state.snapshotIndex is new in schema version 3; the"
                    + " header says version " + version);
        }
    }

    /** One field of an event, by the Java type of its value. */
    private void writeField(String name, Object value) throws IOException {
        if (value instanceof TraceState s) {
            writeState(s);
        } else if (value instanceof TraceMessage m) {
            writeMessage(name, m);
        } else if (value instanceof TraceEntry entry) {
            gen.writeFieldName(name);
            writeEntry(name, entry);
        } else if (value instanceof TraceMembership m) {
            gen.writeFieldName(name);
            writeMembership(name, m, -1);
        } else if (value instanceof Long n) {
            writeInt(name, name, n);
        } else if (value instanceof Integer n) {
            gen.writeNumberField(name, n);
        } else if (value instanceof Boolean b) {
            gen.writeBooleanField(name, b);
        } else if (value instanceof String text) {
            gen.writeStringField(name, text);
        } else if (value instanceof Enum<?> constant) {
            gen.writeStringField(name, TraceNames.of(constant));
        } else if (value instanceof List<?> list) {
            writeChanges(name, list);
        } else {
            throw new IllegalStateException("no JSON form for field " + name + " of type " + value.getClass());
        }
    }

    private void writeMessage(String path, TraceMessage m) throws IOException {
        gen.writeFieldName(path);
        gen.writeStartObject();
        gen.writeStringField("type", m.type());
        writeInt("term", path + ".term", m.term());
        gen.writeNumberField("source", m.source());
        gen.writeNumberField("dest", m.dest());
        if (m instanceof RequestVote rv) {
            writeInt("lastLogIndex", path + ".lastLogIndex", rv.lastLogIndex());
            writeInt("lastLogTerm", path + ".lastLogTerm", rv.lastLogTerm());
        } else if (m instanceof RequestVoteResponse r) {
            gen.writeBooleanField("granted", r.granted());
        } else if (m instanceof AppendEntries ae) {
            writeInt("prevLogIndex", path + ".prevLogIndex", ae.prevLogIndex());
            writeInt("prevLogTerm", path + ".prevLogTerm", ae.prevLogTerm());
            gen.writeFieldName("entries");
            gen.writeStartArray();
            List<TraceEntry> entries = ae.entries();
            for (int i = 0; i < entries.size(); i++) {
                writeEntry(null, entries.get(i), path, i);
            }
            gen.writeEndArray();
            writeInt("commitIndex", path + ".commitIndex", ae.commitIndex());
        } else if (m instanceof AppendEntriesResponse r) {
            gen.writeBooleanField("success", r.success());
            writeInt("matchIndex", path + ".matchIndex", r.matchIndex());
        } else if (m instanceof InstallSnapshot is) {
            writeInt("lastIndex", path + ".lastIndex", is.lastIndex());
            writeInt("lastTerm", path + ".lastTerm", is.lastTerm());
            writeInt("memIndex", path + ".memIndex", is.memIndex());
            gen.writeFieldName("membership");
            writeMembership(path + ".membership", is.membership(), -1);
        }
        gen.writeEndObject();
    }

    private void writeEntry(String path, TraceEntry entry) throws IOException {
        writeEntry(path, entry, null, -1);
    }

    /** An entry at {@code path}, or (path null) element {@code i} of {@code msgPath}.entries. */
    private void writeEntry(String path, TraceEntry entry, String msgPath, int i) throws IOException {
        gen.writeStartObject();
        if (entry.term() != (int) entry.term()) {
            String at = path != null ? path : msgPath + ".entries[" + i + "]";
            throw outOfRange(at + ".term", entry.term());
        }
        gen.writeNumberField("term", (int) entry.term());
        gen.writeStringField("kind", entry.kind().traceName());
        if (entry.membership() != null) {
            gen.writeFieldName("membership");
            writeMembership(null, entry.membership(), -1);
        }
        gen.writeEndObject();
    }

    private void writeState(TraceState s) throws IOException {
        gen.writeFieldName("state");
        gen.writeStartObject();
        writeInt("term", "state.term", s.term());
        gen.writeNumberField("votedFor", s.votedFor());
        gen.writeStringField("role", s.role().traceName());
        writeInt("commitIndex", "state.commitIndex", s.commitIndex());
        writeInt("lastLogIndex", "state.lastLogIndex", s.lastLogIndex());
        writeInt("lastLogTerm", "state.lastLogTerm", s.lastLogTerm());
        gen.writeFieldName("membership");
        writeMembership("state.membership", s.membership(), s.membershipIndex());
        if (version >= 3) {
            writeInt("snapshotIndex", "state.snapshotIndex", s.snapshotIndex());
        }
        gen.writeEndObject();
    }

    /** A membership object; {@code index} >= 0 adds the {@code index} field (post-states only). */
    private void writeMembership(String path, TraceMembership m, long index) throws IOException {
        gen.writeStartObject();
        gen.writeFieldName("configs");
        gen.writeStartArray();
        for (List<Integer> config : m.configs()) {
            writeIds(config);
        }
        gen.writeEndArray();
        gen.writeFieldName("learners");
        writeIds(m.learners());
        if (index >= 0) {
            writeInt("index", path + ".index", index);
        }
        gen.writeEndObject();
    }

    /** Node ids are Java ints, so they are always within range. */
    private void writeIds(List<Integer> ids) throws IOException {
        gen.writeStartArray();
        for (int i = 0; i < ids.size(); i++) {
            gen.writeNumber(ids.get(i).intValue());
        }
        gen.writeEndArray();
    }

    /** CallStart's {@code changes}. */
    private void writeChanges(String name, List<?> changes) throws IOException {
        gen.writeFieldName(name);
        gen.writeStartArray();
        for (Object c : changes) {
            TraceChange change = (TraceChange) c;
            gen.writeStartObject();
            gen.writeStringField("type", change.type().traceName());
            gen.writeFieldName("nodes");
            writeIds(change.nodes());
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    /** Writes {@code name: value}, refusing values TLC cannot represent. */
    private void writeInt(String name, String path, long value) throws IOException {
        if (value != (int) value) {
            throw outOfRange(path, value);
        }
        gen.writeNumberField(name, (int) value);
    }

    private TraceWriteException outOfRange(String path, long value) {
        return new TraceWriteException(headerWritten ? seq + 1 : 0, path, "value " + value + " is outside the 32-bit signed range");
    }

    private void commitLine() throws IOException {
        gen.flush();
        line.write('\n');
        line.writeTo(out);
        line.reset();
    }

    /** Drops a half-generated line; the generator is mid-object, so it is replaced. */
    private void discardLine() {
        gen = newGenerator();
        line.reset();
    }

    private JsonGenerator newGenerator() {
        try {
            JsonGenerator g = factory.createGenerator(line);
            // A refused event must not be completed into a wrong line when the writer closes.
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
            // Lines are separated by the '\n' commitLine writes, not by Jackson's default space.
            g.setRootValueSeparator(null);
            return g;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The per-line buffer. */
    private static final class LineBuffer extends ByteArrayOutputStream {
        LineBuffer() {
            super(1024);
        }
    }
}
