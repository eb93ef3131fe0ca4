package org.jointraft.conformance.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.jointraft.conformance.sim.NetworkBagCheck;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogueTest {

    @TempDir
    Path dir;

    static Stream<String> names() {
        return Catalogue.names().stream();
    }

    /** Whether each scenario passes its checks is in its golden file (ScenarioDataTest). */
    @ParameterizedTest(name = "{0} writes a valid trace")
    @MethodSource("names")
    void everyScenarioWritesAValidTrace(String name) throws IOException {
        Scenario s = Catalogue.byName(name).orElseThrow();
        Path file = dir.resolve(name + ".ndjson");

        ScenarioResult r = ScenarioRunner.run(s, file);

        Trace trace = new TraceReader().readAll(file);
        assertThat(trace.header().scenario()).isEqualTo(name);
        assertThat(trace.events()).hasSize((int) r.outcome().run().events());
        NetworkBagCheck.assertNoMessageReceivedThatIsNotInTheBag(trace);
    }

    @ParameterizedTest(name = "{0} writes the same bytes twice")
    @MethodSource("names")
    void everyScenarioIsDeterministic(String name) throws IOException {
        Scenario s = Catalogue.byName(name).orElseThrow();
        ScenarioRunner.run(s, dir.resolve("a"));
        ScenarioRunner.run(s, dir.resolve("b"));

        assertThat(Files.readAllBytes(dir.resolve("a"))).isEqualTo(Files.readAllBytes(dir.resolve("b")));
    }
}
