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
import org.jointraft.trace.TraceEvent.AdvanceCommitIndex;
import org.jointraft.trace.TraceEvent.BecomeLeader;
import org.jointraft.trace.TraceEvent.CallEnd;
import org.jointraft.trace.TraceEvent.CallStart;
import org.jointraft.trace.TraceEvent.ClientRequest;
import org.jointraft.trace.TraceEvent.DropMessage;
import org.jointraft.trace.TraceEvent.DuplicateMessage;
import org.jointraft.trace.TraceEvent.HandleAppendEntries;
import org.jointraft.trace.TraceEvent.HandleAppendEntriesResponse;
import org.jointraft.trace.TraceEvent.HandleRequestVote;
import org.jointraft.trace.TraceEvent.HandleRequestVoteResponse;
import org.jointraft.trace.TraceEvent.NodeEvent;
import org.jointraft.trace.TraceEvent.ProposeMembership;
import org.jointraft.trace.TraceEvent.ProposeMembershipRejected;
import org.jointraft.trace.TraceEvent.SendAppendEntries;
import org.jointraft.trace.TraceEvent.SendRequestVote;
import org.jointraft.trace.TraceMessage.AppendEntries;
import org.jointraft.trace.TraceMessage.AppendEntriesResponse;
import org.jointraft.trace.TraceMessage.RequestVote;
import org.jointraft.trace.TraceMessage.RequestVoteResponse;

/**
 * Writes a trace as NDJSON with Jackson's streaming generator: the header, then one event a line, fields
 * always in the same order so that equal runs give byte-identical files. Each line is generated into a
 * private buffer first, so an event refused for an out-of-range integer leaves nothing behind. Not
 * thread-safe.
 */
public final class TraceWriter implements TraceSink, Closeable {

    private final JsonFactory factory = new JsonFactory();
    private final OutputStream out;
    private final LineBuffer line = new LineBuffer();
    private JsonGenerator gen;
    private boolean headerWritten;
    /** The seq of the line being written, for error messages. */
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
        try {
            gen.writeStartObject();
            gen.writeStringField("schema", TraceHeader.SCHEMA);
            gen.writeNumberField("version", TraceHeader.VERSION);
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
        seq = event.seq();
        try {
            writeEvent(event);
        } catch (TraceWriteException e) {
            discardLine();
            throw e;
        }
        commitLine();
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

    private void writeEvent(TraceEvent e) throws IOException {
        gen.writeStartObject();
        writeInt("seq", "seq", e.seq());
        gen.writeNumberField("node", e.node());
        gen.writeStringField("event", e.event());
        if (e instanceof SendRequestVote s) {
            writeMessage("msg", s.msg());
        } else if (e instanceof HandleRequestVote h) {
            writeMessage("msg", h.msg());
            writeMessage("reply", h.reply());
        } else if (e instanceof HandleRequestVoteResponse h) {
            writeMessage("msg", h.msg());
        } else if (e instanceof BecomeLeader b) {
            writeAppended(b.entry(), b.index());
        } else if (e instanceof ClientRequest c) {
            writeAppended(c.entry(), c.index());
        } else if (e instanceof ProposeMembership p) {
            writeAppended(p.entry(), p.index());
        } else if (e instanceof ProposeMembershipRejected r) {
            gen.writeStringField("reason", r.reason().json());
            gen.writeFieldName("membership");
            writeMembership("membership", r.membership(), -1);
        } else if (e instanceof SendAppendEntries s) {
            writeMessage("msg", s.msg());
        } else if (e instanceof HandleAppendEntries h) {
            writeMessage("msg", h.msg());
            writeMessage("reply", h.reply());
        } else if (e instanceof HandleAppendEntriesResponse h) {
            writeMessage("msg", h.msg());
        } else if (e instanceof AdvanceCommitIndex a) {
            writeInt("commitIndex", "commitIndex", a.commitIndex());
        } else if (e instanceof DropMessage d) {
            writeMessage("msg", d.msg());
        } else if (e instanceof DuplicateMessage d) {
            writeMessage("msg", d.msg());
        } else if (e instanceof CallStart c) {
            writeCallStart(c);
        } else if (e instanceof CallEnd c) {
            writeCallEnd(c);
        }
        // Timeout, StepDown and Restart carry nothing but the post-state.
        if (e instanceof NodeEvent n) {
            writeState(n.state());
        }
        gen.writeEndObject();
    }

    private void writeAppended(TraceEntry entry, long index) throws IOException {
        gen.writeFieldName("entry");
        writeEntry("entry", entry);
        writeInt("index", "index", index);
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
        gen.writeStringField("kind", entry.kind().json());
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
        gen.writeStringField("role", s.role().json());
        writeInt("commitIndex", "state.commitIndex", s.commitIndex());
        writeInt("lastLogIndex", "state.lastLogIndex", s.lastLogIndex());
        writeInt("lastLogTerm", "state.lastLogTerm", s.lastLogTerm());
        gen.writeFieldName("membership");
        writeMembership("state.membership", s.membership(), s.membershipIndex());
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

    private void writeCallStart(CallStart c) throws IOException {
        writeInt("call", "call", c.call());
        gen.writeStringField("operation", c.operation());
        gen.writeFieldName("changes");
        gen.writeStartArray();
        for (TraceChange change : c.changes()) {
            gen.writeStartObject();
            gen.writeStringField("type", change.type().name());
            gen.writeFieldName("nodes");
            writeIds(change.nodes());
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeBooleanField("retain", c.retain());
        if (c.expectedIndex() != null) {
            writeInt("expectedIndex", "expectedIndex", c.expectedIndex());
        }
        if (c.target() != null) {
            gen.writeFieldName("target");
            writeMembership("target", c.target(), -1);
        }
    }

    private void writeCallEnd(CallEnd c) throws IOException {
        writeInt("call", "call", c.call());
        gen.writeBooleanField("ok", c.ok());
        if (c.membership() != null) {
            gen.writeFieldName("membership");
            writeMembership("membership", c.membership(), -1);
        }
        if (c.error() != null) {
            gen.writeStringField("error", c.error());
        }
    }

    /** Writes {@code name: value}, refusing values TLC cannot represent. */
    private void writeInt(String name, String path, long value) throws IOException {
        if (value != (int) value) {
            throw outOfRange(path, value);
        }
        gen.writeNumberField(name, (int) value);
    }

    private TraceWriteException outOfRange(String path, long value) {
        return new TraceWriteException(seq, path, "value " + value + " is outside the 32-bit signed range");
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
