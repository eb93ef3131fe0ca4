package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LivenessPhaseTest {

    @TempDir
    Path dir;

    private static SimOptions auto(long seed) {
        return SimOptions.defaults(seed).withHealTicks(SimOptions.AUTO_HEAL_TICKS);
    }

    @Test
    void healthyRunsReachOneStableLeaderWithEqualCommittedLogs() {
        for (long seed : new long[] {1, 3, 4, 5}) {
            SimResult r = Simulator.run(auto(seed), null);

            assertThat(r.safe()).isTrue();
            assertThat(r.liveness()).as("seed %d", seed).isNotNull();
            assertThat(r.liveness().held()).as("seed %d: %s", seed, r.liveness().describe()).isTrue();
            assertThat(r.passed()).isTrue();
            assertThat(r.liveness().ticks()).isLessThan(r.liveness().bound())
                    .isGreaterThanOrEqualTo(LivenessPhase.window(
                            org.jointraft.core.NodeConfig.of(1, org.jointraft.core.Membership.of(1), 0),
                            new NetworkFaults(3, false, 0, 0)));
            assertThat(r.ticks()).isEqualTo(300 + r.liveness().ticks());
        }
    }

    @Test
    void aClusterThatCannotElectInTheBoundFailsOneLeader() {
        // one tick is shorter than any election timeout: nobody can become leader
        SimResult r = Simulator.run(SimOptions.defaults(1).withSteps(0).withHealTicks(1), null);

        assertThat(r.safe()).isTrue();
        assertThat(r.livenessFailed()).isTrue();
        assertThat(r.passed()).isFalse();
        assertThat(r.liveness().violation().condition()).isEqualTo(LivenessCheck.ONE_LEADER);
        assertThat(r.liveness().violation().detail()).startsWith("no running node is leader");
    }

    @Test
    void aRemovedNodeThatWasNotStoppedCampaignsInVainAgainstAStickyLeader() throws IOException {
        // seed 2: a change removes node 2 but its call reports not_leader, so node 2 is never stopped; it campaigns
        // from a stale log, and the members, hearing their leader, drop its vote requests (IgnoreRequestVote)
        SimResult r = Simulator.run(auto(2).withTrace(dir.resolve("sticky.ndjson")));

        assertThat(r.safe()).isTrue();
        assertThat(r.liveness().held()).as(r.liveness().describe()).isTrue();
        assertThat(Files.readString(dir.resolve("sticky.ndjson"))).contains("\"event\":\"IgnoreRequestVote\"");
    }

    @Test
    void theHealStartsAStoppedNodeThatARunningNodesMembershipNamesAgain() {
        // seed-like seed 57: node 3 was stopped as removed, a later change adds it back and its leader crashes; the
        // survivor's joint membership needs node 3's vote
        SimResult r = Simulator.run(SimFlags.parse("--shape seed-like --heal-ticks auto", 57), null);

        assertThat(r.liveness().held()).as(r.liveness().describe()).isTrue();
        assertThat(r.notes()).anySatisfy(n -> {
            assertThat(n.tick()).isEqualTo(300);
            assertThat(n.text()).isEqualTo("node 3 restarted");
        });
    }

    @Test
    void theFaultyPhaseIsAPrefixOfTheRunWithTheLivenessPhaseAndZeroTurnsItOff() throws IOException {
        SimResult off = Simulator.run(SimOptions.defaults(3).withHealTicks(0).withTrace(dir.resolve("off.ndjson")));
        SimResult on = Simulator.run(SimOptions.defaults(3).withTrace(dir.resolve("on.ndjson")));

        assertThat(SimOptions.defaults(3)).isEqualTo(auto(3));
        assertThat(off.liveness()).isNull();
        assertThat(off.ticks()).isEqualTo(300);
        String offText = Files.readString(dir.resolve("off.ndjson"));
        String onText = Files.readString(dir.resolve("on.ndjson"));
        String offEvents = offText.substring(offText.indexOf('\n'));
        assertThat(onText.substring(onText.indexOf('\n'))).startsWith(offEvents);
        assertThat(on.events()).isGreaterThan(off.events());
        assertThat(Simulator.optionsOf(new org.jointraft.trace.TraceReader().readAll(dir.resolve("on.ndjson"))
                .header())).isEqualTo(auto(3));
    }

    @Test
    void theSameOptionsGiveTheSameBytesWithTheLivenessPhase() throws IOException {
        Simulator.run(auto(4).withTrace(dir.resolve("a.ndjson")));
        Simulator.run(auto(4).withTrace(dir.resolve("b.ndjson")));

        assertThat(Files.readAllBytes(dir.resolve("a.ndjson"))).isEqualTo(Files.readAllBytes(dir.resolve("b.ndjson")));
    }
}
