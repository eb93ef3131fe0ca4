package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checked-in corpus of src/test/resources/traces: each invalid trace is rejected at the event and
 * for the condition its line in expected.txt names; each valid one is accepted. These files depend on
 * the spec and the trace format only, not on the impl, so they stay fixed as the impl changes.
 */
class InvalidTraceCorpusTest {

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(InvalidTraceCorpusTest.class.getResource("/traces/" + name).toURI());
    }

    @Test
    void everyInvalidTraceIsRejectedAtItsEventForItsCondition() throws Exception {
        Path dir = resource("invalid");
        List<String> expectations = Files.readAllLines(dir.resolve("expected.txt")).stream()
                .filter(l -> !l.isBlank()).toList();
        assertThat(expectations).hasSizeGreaterThanOrEqualTo(12);
        for (String line : expectations) {
            String[] f = line.split(" ");
            Verdict v = Validators.validator().validate(dir.resolve(f[0]));
            assertThat(v.accepted()).as(f[0]).isFalse();
            Diagnosis d = v.diagnosis().orElseThrow();
            assertThat(d.eventIndex()).as(f[0] + "\n" + d.render()).isEqualTo(Integer.parseInt(f[1]));
            if (f[2].contains(":")) {
                String[] kindName = f[2].split(":");
                assertThat(d.differences()).as(f[0]).anySatisfy(diff -> {
                    assertThat(diff.kind()).hasToString(kindName[0]);
                    assertThat(diff.name()).isEqualTo(kindName[1]);
                });
            } else {
                assertThat(d.falseGuards()).as(f[0]).contains(f[2]);
            }
        }
    }

    @Test
    void everyValidTraceIsAccepted() throws Exception {
        try (var files = Files.list(resource("valid"))) {
            List<Path> traces = files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
            assertThat(traces).isNotEmpty();
            assertThat(Validators.validator().validate(traces)).allSatisfy(v -> assertThat(v.accepted()).as(v.reason()).isTrue());
        }
    }

}
