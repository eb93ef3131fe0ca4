package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorTest {

    @TempDir
    Path dir;

    private static SimOptions everyFault(long seed) {
        return SimOptions.defaults(seed).withNodes(5).withVoters(3).withSteps(400).withFaults(Fault.all())
                .withMembershipRate(0.05).withNodeFaultRate(0.01);
    }

    @Test
    void theSameSeedAndOptionsWriteByteIdenticalTraces() throws IOException {
        SimResult a = Simulator.run(everyFault(7).withTrace(dir.resolve("a.ndjson")));
        SimResult b = Simulator.run(everyFault(7).withTrace(dir.resolve("b.ndjson")));

        assertThat(a.events()).isGreaterThan(500);
        assertThat(Files.readAllBytes(dir.resolve("a.ndjson"))).isEqualTo(Files.readAllBytes(dir.resolve("b.ndjson")));
        assertThat(a.calls()).isEqualTo(b.calls());
    }

    @Test
    void differentSeedsGiveDifferentRuns() throws IOException {
        Simulator.run(everyFault(7).withTrace(dir.resolve("a.ndjson")));
        Simulator.run(everyFault(8).withTrace(dir.resolve("b.ndjson")));

        assertThat(Files.readAllBytes(dir.resolve("a.ndjson"))).isNotEqualTo(Files.readAllBytes(dir.resolve("b.ndjson")));
    }

    @Test
    void aShorterRunIsAPrefixOfALongerOne() throws IOException {
        // the faulty phase only: the liveness phase starts from a different state
        Simulator.run(everyFault(3).withSteps(150).withHealTicks(0).withTrace(dir.resolve("short.ndjson")));
        Simulator.run(everyFault(3).withSteps(300).withHealTicks(0).withTrace(dir.resolve("long.ndjson")));

        String shortText = Files.readString(dir.resolve("short.ndjson"));
        String longText = Files.readString(dir.resolve("long.ndjson"));
        String shortEvents = shortText.substring(shortText.indexOf('\n'));
        String longEvents = longText.substring(longText.indexOf('\n'));
        assertThat(longEvents).startsWith(shortEvents);
        assertThat(longEvents.length()).isGreaterThan(shortEvents.length());
    }

    @Test
    void runsWithEveryFaultStaySafeAndWriteValidTracesWithAnExactNetworkBag() throws IOException {
        for (long seed = 1; seed <= 12; seed++) {
            Path file = dir.resolve("run" + seed + ".ndjson");
            SimResult r = Simulator.run(everyFault(seed).withTrace(file));
            assertThat(r.violation()).as("seed %d", seed).isNull();

            Trace trace = new TraceReader().readAll(file);
            assertThat(trace.events()).hasSize((int) r.events());
            assertThat(trace.header().nodes()).containsExactly(1, 2, 3, 4, 5);
            assertThat(Simulator.optionsOf(trace.header())).isEqualTo(everyFault(seed));
            NetworkBagCheck.assertNoMessageReceivedThatIsNotInTheBag(trace);
        }
    }

    @Test
    void randomRunsExerciseEveryFaultAndEveryKindOfCall() throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        Set<String> operations = new java.util.TreeSet<>();
        Set<String> results = new java.util.TreeSet<>();
        for (long seed = 1; seed <= 12; seed++) {
            Path file = dir.resolve("run" + seed + ".ndjson");
            SimResult r = Simulator.run(everyFault(seed).withTrace(file));
            for (TraceEvent e : new TraceReader().readAll(file).events()) {
                seen.merge(e.event(), 1, Integer::sum);
            }
            r.calls().forEach(c -> operations.add(c.operation().traceName()));
            r.calls().forEach(c -> results.add(c.result()));
            assertThat(r.notes().stream().map(ClusterNote::text).collect(Collectors.joining("\n")))
                    .isNotEmpty();
        }
        assertThat(seen).containsKeys("DropMessage", "DuplicateMessage", "Restart", "ProposeMembership",
                "ProposeMembershipRejected", "StepDown", "CallStart", "CallEnd", "ClientRequest", "BecomeLeader");
        assertThat(operations).contains("change_membership", "change_membership_if", "propose_membership");
        assertThat(results).contains("ok");
    }
}
