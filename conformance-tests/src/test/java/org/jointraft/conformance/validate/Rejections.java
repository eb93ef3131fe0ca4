package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** What the rejection tests share: an edited trace saved under a name, and TLC's verdict on it. */
final class Rejections {

    /** An edited trace and the seq of the event that must be rejected. */
    record Edited(Path trace, int rejectedAt) { }

    private Rejections() { }

    /** Writes {@code edit} as {@code name.ndjson} in {@code dir}; the event at {@code position} must be rejected. */
    static Edited save(Path dir, TraceEdit edit, int position, String name) {
        try {
            return new Edited(edit.write(dir.resolve(name + ".ndjson")), position + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TLC rejects the trace at exactly its event; the diagnosis is exported to the corpus when asked. */
    static Diagnosis rejected(Edited edited) throws IOException {
        Verdict v = Validators.validator().validate(edited.trace());
        assertThat(v.accepted()).as("the edited trace must be rejected").isFalse();
        Diagnosis d = v.diagnosis().orElseThrow();
        assertThat(d.eventIndex()).as(d.render()).isEqualTo(edited.rejectedAt());
        InvalidTraceCorpus.exportIfAsked(edited.trace(), d);
        return d;
    }
}
