package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.jointraft.conformance.scenario.Catalogue;
import org.jointraft.conformance.scenario.Scenario;
import org.jointraft.conformance.scenario.ScenarioRunner;
import org.jointraft.conformance.sim.Coverage;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.Shape;
import org.jointraft.conformance.sim.SimOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance gate of {@code mvn verify}: every catalogue scenario and a fixed set of random faulty runs must be
 * behaviours of the spec. Each scenario and each run is its own test, so one rejection does not hide another; the
 * traces are still validated in batches (one TLC run per batch), before the tests report. About 70 s on 2 cores;
 * failures are saved under target/gate-failures with TLC's diagnosis.
 */
class ConformanceGateTest {
    private static final Path FAILURES = Path.of("target", "gate-failures");

    @TempDir
    Path dir;

    @TestFactory
    Stream<DynamicTest> everyCatalogueScenarioIsABehaviourOfTheSpec() throws IOException {
        List<Scenario> scenarios = Catalogue.all();
        List<Path> traces = new ArrayList<>();
        for (Scenario s : scenarios) {
            Path trace = dir.resolve(s.name() + ".ndjson");
            ScenarioRunner.run(s, trace);
            traces.add(trace);
        }
        List<Verdict> verdicts = Validators.validator().validate(traces);

        assertThat(verdicts).hasSize(scenarios.size());
        return IntStream.range(0, scenarios.size()).mapToObj(i -> DynamicTest.dynamicTest(scenarios.get(i).name(),
                () -> assertThat(verdicts.get(i).accepted())
                        .as(() -> verdicts.get(i).diagnosis().map(Diagnosis::render).orElse("")).isTrue()));
    }

    @TestFactory
    Stream<DynamicTest> fiveNodeRunsWithEveryFaultAreBehavioursOfTheSpec() throws Exception {
        // with snapshots (the default rate): seed 1067 has a call between its steps whose step-1 entry its node
        // compacted before it led again (JointRaftClient.tla EntryUnknown)
        return gate(SimOptions.defaults(1000).withNodes(5).withVoters(3).withSteps(300).withFaults(Fault.all())
                .withMembershipRate(0.05), 240);
    }

    @TestFactory
    Stream<DynamicTest> threeNodeRunsWithEveryFaultAreBehavioursOfTheSpec() throws Exception {
        return gate(SimOptions.defaults(5000).withSteps(400).withFaults(Fault.all()).withMembershipRate(0.05), 120);
    }

    @TestFactory
    Stream<DynamicTest> sevenNodeRunsWithFiveVotersAreBehavioursOfTheSpec() throws Exception {
        return gate(SimOptions.defaults(9000).withNodes(7).withVoters(5).withSteps(200).withFaults(Fault.all())
                .withMembershipRate(0.05), 60);
    }

    @TestFactory
    Stream<DynamicTest> crashesBetweenAWriteAndItsSyncAreBehavioursOfTheSpec() throws Exception {
        // a crash before the sync loses the writes and reports none of the input's steps: to the spec the input's
        // message was lost; one that sent before the sync would be judged a message nobody sent
        return gate(Shape.CRASH_HEAVY.options(12000).withSyncCrashRate(0.02), 30,
                Coverage.Counter.CRASH_BEFORE_SYNC);
    }

    @TestFactory
    Stream<DynamicTest> snapshotsTakenAndInstalledAreBehavioursOfTheSpec() throws Exception {
        // frequent snapshots on a five-node cluster with crashes: followers back from a crash or partition get an
        // InstallSnapshot, and some of them keep or discard a log the spec must agree on
        return gate(SimOptions.defaults(15000).withNodes(5).withVoters(5).withSteps(300).withSnapshotRate(0.1)
                .withCrashRate(0.02), 30, Coverage.Counter.SNAPSHOT_INSTALLED);
    }

    /** Hunts {@code runs} seeds from the options' seed on (batched, 2 jobs), then reports each run as a test. */
    private static Stream<DynamicTest> gate(SimOptions options, int runs) throws Exception {
        return gate(options, runs, null);
    }

    /** As {@link #gate(SimOptions, int)}; {@code reached}, unless null, must be reached by some run. */
    private static Stream<DynamicTest> gate(SimOptions options, int runs, Coverage.Counter reached) throws Exception {
        Hunt.Report r = new Hunt(Validators.validator()).run(
                new Hunt.Options(options, runs, 2, FAILURES, false, 0), (done, rejected, unsafe, stuck) -> { });
        Map<Long, Hunt.Failure> failures = r.failures().stream()
                .collect(Collectors.toMap(Hunt.Failure::seed, Function.identity()));

        Stream<DynamicTest> each = LongStream.range(options.seed(), options.seed() + runs).mapToObj(seed ->
                DynamicTest.dynamicTest("seed " + seed, () -> {
                    Hunt.Failure f = failures.get(seed);
                    assertThat(f).as(() -> "seed " + seed + " " + f.kind() + ": " + f.detail() + " (saved in " + f.saved() + ")").isNull();
                }));
        DynamicTest nonEmpty = DynamicTest.dynamicTest("no run is empty",
                () -> assertThat(r.minEvents()).isPositive());
        Stream<DynamicTest> checks = Stream.of(nonEmpty);
        if (reached != null) {
            checks = Stream.concat(checks, Stream.of(DynamicTest.dynamicTest("some run reached " + reached.cliName(),
                    () -> assertThat(r.coverage().get(reached.cliName())).isPositive())));
        }
        return Stream.concat(each, checks);
    }
}
