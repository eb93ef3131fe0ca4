package org.jointraft.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceMessage.AppendEntries;
import org.junit.jupiter.api.Test;

class WriterTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    private TraceWriter writerWithHeader() throws IOException {
        TraceWriter writer = new TraceWriter(bytes);
        writer.writeHeader(Samples.header());
        return writer;
    }

    private static TraceState state(long term, long commitIndex) {
        return new TraceState(term, 0, Role.FOLLOWER, commitIndex, 1, 0, Samples.BOOT, 1);
    }

    @Test
    void anOutOfRangeStateIntegerIsRefusedNamingSeqAndField() throws IOException {
        TraceWriter writer = writerWithHeader();
        writer.write(new TraceEvent.Timeout(1, state(1, 1)));

        assertThatThrownBy(() -> writer.write(new TraceEvent.Restart(1, state(1, 1L << 31))))
                .isInstanceOfSatisfying(TraceWriteException.class, e -> {
                    assertThat(e.seq()).isEqualTo(2);
                    assertThat(e.field()).isEqualTo("state.commitIndex");
                    assertThat(e.getMessage()).isEqualTo(
                            "seq 2: field \"state.commitIndex\": value 2147483648 is outside the 32-bit signed range");
                });
    }

    @Test
    void anOutOfRangeEntryTermInsideAMessageIsNamedByItsPath() throws IOException {
        TraceWriter writer = writerWithHeader();
        AppendEntries ae = new AppendEntries(1, 1, 2, 0, 0,
                List.of(TraceEntry.blank(1), TraceEntry.normal(-(1L << 40))), 0);

        assertThatThrownBy(() -> writer.write(new TraceEvent.SendAppendEntries(1, ae, state(1, 1))))
                .isInstanceOfSatisfying(TraceWriteException.class,
                        e -> assertThat(e.getMessage()).startsWith("seq 1: field \"msg.entries[1].term\""));
    }

    @Test
    void aRefusedEventLeavesNoPartialLineAndTheWriterGoesOn() throws IOException {
        TraceWriter writer = writerWithHeader();
        writer.write(new TraceEvent.Timeout(1, state(1, 1)));
        assertThatThrownBy(() -> writer.write(new TraceEvent.Timeout(1, state(1L << 33, 1))))
                .isInstanceOf(TraceWriteException.class);
        writer.write(new TraceEvent.Timeout(1, state(2, 1)));
        writer.close();

        Trace trace = new TraceReader().parse(bytes.toString(StandardCharsets.UTF_8));

        assertThat(trace.events()).extracting(e -> ((TraceEvent.Timeout) e).state().term()).containsExactly(1L, 2L);
    }

    @Test
    void aVersion1HeaderKeepsItsVersionAndRefusesWhatVersion2Added() throws IOException {
        TraceHeader h = Samples.header();
        TraceWriter writer = new TraceWriter(bytes);
        writer.writeHeader(new TraceHeader(h.nodes(), h.bootstrap(), h.seed(), h.scenario(), h.options(), 1));
        writer.write(new TraceEvent.Timeout(1, state(1, 1)));
        assertThatThrownBy(() -> writer.write(new TraceEvent.Crash(2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Crash is new in schema version 2");
        assertThatThrownBy(() -> writer.write(new TraceEvent.ProposeMembershipRejected(1,
                org.jointraft.core.RejectReason.IN_PROGRESS, Samples.BOOT, 4L, 1, state(1, 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("call is new in schema version 2");
        writer.close();

        Trace trace = new TraceReader().parse(bytes.toString(StandardCharsets.UTF_8));
        assertThat(trace.header().version()).isEqualTo(1);
        assertThat(trace.events()).hasSize(1);
    }

    @Test
    void aVersion2HeaderWritesStatesWithoutSnapshotIndexAndRefusesWhatVersion3Added() throws IOException {
        TraceHeader h = Samples.header();
        TraceWriter writer = new TraceWriter(bytes);
        writer.writeHeader(new TraceHeader(h.nodes(), h.bootstrap(), h.seed(), h.scenario(), h.options(), 2));
        writer.write(new TraceEvent.Timeout(1, state(1, 1)));
        TraceState withSnapshot = new TraceState(1, 0, org.jointraft.core.Role.FOLLOWER, 3, 3, 1, Samples.BOOT, 1, 3);
        assertThatThrownBy(() -> writer.write(new TraceEvent.TakeSnapshot(1, 3, withSnapshot)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TakeSnapshot is new in schema version 3");
        assertThatThrownBy(() -> writer.write(new TraceEvent.Timeout(1, withSnapshot)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state.snapshotIndex is new in schema version 3");
        writer.write(new TraceEvent.Timeout(1, state(2, 1)));
        writer.close();

        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("snapshotIndex");
        Trace trace = new TraceReader().parse(text);
        assertThat(trace.header().version()).isEqualTo(2);
        assertThat(trace.events()).hasSize(2);
    }

    @Test
    void aProposalCarriesCallAndStepTogetherOrNeither() {
        TraceEntry entry = TraceEntry.member(1, Samples.BOOT);
        assertThatThrownBy(() -> new TraceEvent.ProposeMembership(1, entry, 2, 3L, null, state(1, 1)))
                .hasMessageContaining("call and step are present together");
        assertThatThrownBy(() -> new TraceEvent.ProposeMembership(1, entry, 2, 3L, 3, state(1, 1)))
                .hasMessageContaining("step 1 or 2");
        assertThatThrownBy(() -> new TraceEvent.ProposeMembershipRejected(1, org.jointraft.core.RejectReason.INCOHERENT,
                Samples.BOOT, null, 1, state(1, 1))).hasMessageContaining("call and step are present together");
    }

    @Test
    void anEventBeforeTheHeaderIsAnError() {
        TraceWriter writer = new TraceWriter(bytes);
        assertThatThrownBy(() -> writer.write(new TraceEvent.Timeout(1, state(1, 1))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("header");
    }

    @Test
    void fieldsComeInTheDocumentedOrder() throws IOException {
        TraceWriter writer = writerWithHeader();
        writer.write(new TraceEvent.AdvanceCommitIndex(1, 3, state(2, 3)));
        writer.close();

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "{\"schema\":\"jointraft-trace\",\"version\":3,\"nodes\":[1,2,3,4],"
                        + "\"bootstrap\":{\"configs\":[[1,2,3]],\"learners\":[]},\"seed\":42,\"scenario\":\"samples\","
                        + "\"options\":\"--drop 0.1\"}",
                "{\"seq\":1,\"node\":1,\"event\":\"AdvanceCommitIndex\",\"commitIndex\":3,\"state\":{\"term\":2,"
                        + "\"votedFor\":0,\"role\":\"Follower\",\"commitIndex\":3,\"lastLogIndex\":1,\"lastLogTerm\":0,"
                        + "\"membership\":{\"configs\":[[1,2,3]],\"learners\":[],\"index\":1},\"snapshotIndex\":0}}");
    }
}
