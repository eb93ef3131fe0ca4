package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checked-in corpus of src/test/resources/traces, one test per trace: each invalid trace is rejected at the
 * event and for the condition its line in expected.txt names; each valid one is accepted. These files depend on
 * the spec and the trace format only, not on the impl, so they stay fixed as the impl changes.
 */
class InvalidTraceCorpusTest {

    private static Path resource(String name) {
        try {
            return Path.of(InvalidTraceCorpusTest.class.getResource("/traces/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The lines of expected.txt: {@code file rejectedAt condition}. */
    static List<String> expectations() throws IOException {
        return Files.readAllLines(resource("invalid").resolve("expected.txt")).stream().filter(l -> !l.isBlank())
                .toList();
    }

    @Test
    void theCorpusHoldsAtLeastThirtyFiveInvalidTracesEachWithItsExpectation() throws IOException {
        List<String> named = expectations().stream().map(l -> l.split(" ")[0]).sorted().toList();
        try (Stream<Path> files = Files.list(resource("invalid"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ndjson")).sorted())
                    .containsExactlyElementsOf(named);
        }
        assertThat(named).hasSizeGreaterThanOrEqualTo(35);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectations")
    void anInvalidTraceIsRejectedAtItsEventForItsCondition(String line) throws Exception {
        String[] f = line.split(" ");
        Verdict v = Validators.validator().validate(resource("invalid").resolve(f[0]));
        assertThat(v.accepted()).as(f[0]).isFalse();
        Diagnosis d = v.diagnosis().orElseThrow();
        assertThat(d.eventIndex()).as(f[0] + "\n" + d.render()).isEqualTo(Integer.parseInt(f[1]));
        if (f[2].contains(":")) {
            String[] kindName = f[2].split(":");
            assertThat(d.differences()).as(f[0] + "\n" + d.render()).anySatisfy(diff -> {
                assertThat(diff.kind()).hasToString(kindName[0]);
                assertThat(diff.name()).isEqualTo(kindName[1]);
            });
        } else {
            assertThat(d.falseGuards()).as(f[0] + "\n" + d.render()).contains(f[2]);
        }
    }

    /** One TLC run validates every valid trace; each trace's verdict is its own test. */
    @TestFactory
    Stream<DynamicTest> everyValidTraceIsAccepted() throws IOException {
        List<Path> traces;
        try (Stream<Path> files = Files.list(resource("valid"))) {
            traces = files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
        }
        assertThat(traces).isNotEmpty();
        List<Verdict> verdicts = Validators.validator().validate(traces);
        return IntStream.range(0, traces.size()).mapToObj(i -> DynamicTest.dynamicTest(
                traces.get(i).getFileName().toString(),
                () -> assertThat(verdicts.get(i).accepted()).as(verdicts.get(i).reason()).isTrue()));
    }
}
