package org.jointraft.conformance.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceCursor;
import org.jointraft.trace.TraceReader;
import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * The Java bodies of TraceJointRaft.tla's ReadTraceHeader and ReadTraces (TLC operator overrides): read
 * the trace files a manifest names with trace-export's {@link TraceReader} and hand TLC the values
 * {@link TraceValues} builds. TLC calls these once per run; a bad file ends the run with an evaluation
 * error (the validator reads every trace before starting TLC, so that does not happen in practice).
 */
public final class TraceIO {
    /** The file TraceJointRaft's cfgs name as TraceManifest, relative to TLC's working folder. */
    public static final String MANIFEST = "trace-manifest.txt";

    private TraceIO() { }

    @TLAPlusOperator(identifier = "ReadTraceHeader", module = "TraceJointRaft", warn = false)
    public static Value readTraceHeader(Value manifest) {
        List<Path> files = tracesOf(manifest);
        try (TraceCursor cursor = new TraceReader().open(files.get(0))) {
            return TraceValues.header(cursor.header());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the header of " + files.get(0), e);
        }
    }

    @TLAPlusOperator(identifier = "ReadTraces", module = "TraceJointRaft", warn = false)
    public static Value readTraces(Value manifest) {
        TraceReader reader = new TraceReader();
        TraceValues values = new TraceValues();
        List<Path> files = tracesOf(manifest);
        Value[] traces = new Value[files.size()];
        for (int k = 0; k < traces.length; k++) {
            try {
                Trace trace = reader.readAll(files.get(k));
                traces[k] = values.events(trace.events());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read trace " + files.get(k), e);
            }
        }
        return new TupleValue(traces);
    }

    /** The trace files a manifest names, one path a line. */
    static List<Path> tracesOf(Value manifest) {
        if (!(manifest instanceof StringValue s)) {
            throw new IllegalArgumentException("TraceManifest must be a string, got " + manifest);
        }
        Path file = Path.of(s.val.toString());
        try {
            List<Path> traces = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    traces.add(Path.of(line.strip()));
                }
            }
            if (traces.isEmpty()) {
                throw new IllegalArgumentException("trace manifest " + file.toAbsolutePath() + " names no trace");
            }
            return traces;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read trace manifest " + file.toAbsolutePath(), e);
        }
    }
}
