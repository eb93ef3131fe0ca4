package org.jointraft.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {

    static byte[] write(TraceHeader header, List<TraceEvent> events) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(bytes)) {
            writer.writeHeader(header);
            for (TraceEvent e : events) {
                writer.write(e);
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void samplesCoverEveryEventType() {
        Set<String> names = Samples.everyEvent().stream().map(TraceEvent::event).collect(Collectors.toSet());
        Set<String> permitted = Set.of(TraceEvent.class.getPermittedSubclasses()).stream()
                .flatMap(c -> c.isInterface() ? Set.of(c.getPermittedSubclasses()).stream() : Set.of(c).stream())
                .map(Class::getSimpleName)
                .collect(Collectors.toSet());
        assertThat(permitted).hasSize(23);
        assertThat(names).isEqualTo(permitted);
    }

    @Test
    void writingThenReadingGivesEqualRecordsForEveryEventType() throws IOException {
        byte[] bytes = write(Samples.header(), Samples.everyEvent());

        Trace trace = new TraceReader().parse(new String(bytes, StandardCharsets.UTF_8));

        assertThat(trace.header()).isEqualTo(Samples.header());
        assertThat(trace.events()).containsExactlyElementsOf(Samples.everyEvent());
    }

    @Test
    void aHeaderWithoutOptionsOmitsTheFieldAndReadsBackAsNull() throws IOException {
        TraceHeader header = new TraceHeader(List.of(1, 2), TraceMembership.uniform(1, 2), -5L, "s", null);
        String text = new String(write(header, List.of()), StandardCharsets.UTF_8);

        assertThat(text).doesNotContain("options");
        assertThat(new TraceReader().parse(text).header()).isEqualTo(header);
    }

    @Test
    void theSeedMayUseAll64Bits() throws IOException {
        TraceHeader header = new TraceHeader(List.of(1), TraceMembership.uniform(1), Long.MIN_VALUE, "s", null);
        assertThat(new TraceReader().parse(new String(write(header, List.of()), StandardCharsets.UTF_8)).header().seed())
                .isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void eachEventIsOneLineAndTheFileEndsWithANewline() throws IOException {
        String text = new String(write(Samples.header(), Samples.everyEvent()), StandardCharsets.UTF_8);

        assertThat(text).endsWith("\n").doesNotContain("\r").doesNotStartWith("\uFEFF");
        assertThat(text.split("\n", -1)).hasSize(Samples.everyEvent().size() + 2);
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).startsWith("{\"seq\":1,\"node\":1,\"event\":\"Timeout\",");
    }

    @Test
    void writingTheSameEventsTwiceGivesIdenticalBytes() throws IOException {
        assertThat(write(Samples.header(), Samples.everyEvent())).isEqualTo(write(Samples.header(), Samples.everyEvent()));
    }

    @Test
    void aFileWrittenByOpenIsReadBackByReadAllAndByTheCursor(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("t.ndjson");
        try (TraceWriter writer = TraceWriter.open(file)) {
            writer.writeHeader(Samples.header());
            Samples.everyEvent().forEach(writer);
        }
        TraceReader reader = new TraceReader();
        assertThat(reader.readAll(file).events()).isEqualTo(Samples.everyEvent());
        try (TraceCursor cursor = reader.open(file)) {
            assertThat(cursor.header()).isEqualTo(Samples.header());
            int n = 0;
            while (cursor.hasNext()) {
                assertThat(cursor.next()).isEqualTo(Samples.everyEvent().get(n++));
                assertThat(cursor.lineNumber()).isEqualTo(n + 1);
            }
            assertThat(n).isEqualTo(Samples.everyEvent().size());
            assertThat(cursor.lineNumber()).isEqualTo(n + 1);
        }
        assertThat(Files.readAllLines(file)).hasSize(Samples.everyEvent().size() + 1);
    }

    @Test
    void aRejectedInvalidTargetMayBeIllFormed() {
        String text = CorpusTest.HEADER + "\n" + CorpusTest.event(1, 1, "ProposeMembershipRejected",
                "\"reason\":\"invalid\",\"membership\":{\"configs\":[[1],[2],[]],\"learners\":[1,9]}", CorpusTest.STATE);

        TraceEvent e = new TraceReader().parse(text).events().get(0);

        assertThat(((TraceEvent.ProposeMembershipRejected) e).membership().configs()).hasSize(3);
    }
}
