package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.jointraft.conformance.scenario.Catalogue;
import org.jointraft.conformance.scenario.Scenario;
import org.jointraft.conformance.scenario.ScenarioRunner;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.SimOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance gate of {@code mvn verify}: every catalogue scenario and a fixed set of random
 * faulty runs must be behaviours of the spec. About 70 s on 2 cores; failures are saved under
 * target/gate-failures with TLC's diagnosis.
 */
class ConformanceGateTest {
    private static final Path FAILURES = Path.of("target", "gate-failures");

    @TempDir
    Path dir;

    @Test
    void everyCatalogueScenarioIsABehaviourOfTheSpec() throws IOException {
        TraceFiles traces = new TraceFiles(dir);
        for (Scenario s : Catalogue.all()) {
            ScenarioRunner.run(s, traces.next(s.name()));
        }

        List<Verdict> verdicts = traces.validateAll(Validators.validator());

        assertThat(verdicts).hasSize(Catalogue.all().size()).allMatch(Verdict::accepted);
    }

    @Test
    void fiveNodeRunsWithEveryFaultAreBehavioursOfTheSpec() throws Exception {
        gate(SimOptions.defaults(1000).withNodes(5).withVoters(3).withSteps(300).withFaults(Fault.all())
                .withMembershipRate(0.05), 240);
    }

    @Test
    void threeNodeRunsWithEveryFaultAreBehavioursOfTheSpec() throws Exception {
        gate(SimOptions.defaults(5000).withSteps(400).withFaults(Fault.all()).withMembershipRate(0.05), 120);
    }

    @Test
    void sevenNodeRunsWithFiveVotersAreBehavioursOfTheSpec() throws Exception {
        gate(SimOptions.defaults(9000).withNodes(7).withVoters(5).withSteps(200).withFaults(Fault.all())
                .withMembershipRate(0.05), 60);
    }

    private static void gate(SimOptions options, int runs) throws Exception {
        Hunt.Report r = new Hunt(Validators.validator()).run(
                new Hunt.Options(options, runs, 2, FAILURES, false, 0), (done, rejected, unsafe) -> { });

        assertThat(r.failures()).as(() -> r.failures().stream()
                .map(f -> f.kind() + " seed " + f.seed() + ": " + f.detail() + " (saved in " + f.saved() + ")")
                .collect(Collectors.joining("\n"))).isEmpty();
        assertThat(r.accepted()).isEqualTo(runs);
        assertThat(r.minEvents()).isPositive();
    }

}
