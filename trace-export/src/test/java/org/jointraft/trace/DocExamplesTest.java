package org.jointraft.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Keeps docs/trace-format.md honest: every example line there must be accepted by the reader. */
class DocExamplesTest {

    private static List<String> exampleLines() throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inJson = false;
        for (String line : Files.readAllLines(Path.of("../docs/trace-format.md"))) {
            if (line.equals("```json")) {
                inJson = true;
            } else if (line.equals("```")) {
                inJson = false;
            } else if (inJson) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void everyExampleLineOfTheFormatReferenceIsAcceptedAndEveryEventHasOne() throws IOException {
        List<String> lines = exampleLines();
        String header = lines.get(0);
        TraceReader reader = new TraceReader();
        List<TraceEvent> events = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String asFirst = line.replaceFirst("^\\{\"seq\":\\d+,", "{\"seq\":1,");
            events.add(reader.parse(header + "\n" + asFirst + "\n").events().get(0));
        }
        Set<String> documented = events.stream().map(TraceEvent::event).collect(Collectors.toSet());
        assertThat(documented).containsExactlyInAnyOrderElementsOf(
                TraceVocabulary.events().stream().map(TraceVocabulary.EventType::name).toList());
        assertThat(reader.parse(header + "\n").header().scenario()).isEqualTo("samples");
    }
}
