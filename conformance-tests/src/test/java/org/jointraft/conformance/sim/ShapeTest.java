package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.jointraft.core.Message;
import org.junit.jupiter.api.Test;

/** Workload shapes: what they set, how they are written in a header and read back, and the mix. */
class ShapeTest {

    @Test
    void theDefaultShapeIsTheOldDefaultsAndItsHeaderReadsAsBefore() {
        assertThat(Shape.DEFAULT.options(5)).isEqualTo(SimOptions.defaults(5));
        assertThat(SimFlags.parse("", 5)).isEqualTo(SimOptions.defaults(5));
        // the header options of a default run, as written before shapes existed, and the snapshot rate always written
        String old = "--nodes 3 --voters 3 --steps 300 --faults "
                + "drop,duplicate,reorder,partition,oneway,crash,membership --write-rate 0.2 --membership-rate 0.02 "
                + "--message-fault-rate 0.03 --node-fault-rate 0.005 --max-delay 3";
        assertThat(SimOptions.defaults(5).format()).isEqualTo(old + " --snapshot-rate 0.02");
        // a header from before snapshots existed is a run that took none
        assertThat(SimFlags.parseHeader(old, 5)).isEqualTo(SimOptions.defaults(5).withSnapshotRate(0));
    }

    @Test
    void theNewKnobsAtTheirDefaultsLeaveADefaultRunAsItWas() {
        long plain = events(SimOptions.defaults(3).withSteps(400));
        // slow messages and in-place restarts draw from sources of their own: with a zero rate nothing moves
        assertThat(events(SimOptions.defaults(3).withSteps(400).withSlowDelay(7))).isEqualTo(plain);
        assertThat(events(SimOptions.defaults(3).withSteps(400).withInPlaceRate(0))).isEqualTo(plain);
        assertThat(events(SimOptions.defaults(3).withSteps(400).withSlowRate(0.2))).isNotEqualTo(plain);
    }

    private static long events(SimOptions o) {
        long[] hash = {17};
        Simulator.run(o, event -> hash[0] = hash[0] * 31 + event.toString().hashCode());
        return hash[0];
    }

    @Test
    void everyShapeIsWrittenWithItsNameAndEveryValueAndReadBackTheSame() {
        for (Shape s : Shape.values()) {
            if (s == Shape.MIX) {
                continue;
            }
            SimOptions o = s.options(9);
            assertThat(o.shape()).isEqualTo(s);
            assertThat(SimFlags.parse(o.format(), 9)).as(s.cliName()).isEqualTo(o);
            if (s != Shape.DEFAULT) {
                assertThat(o.format()).startsWith("--shape " + s.cliName() + " --nodes ").contains("--max-calls ");
                assertThat(o).isNotEqualTo(SimOptions.defaults(9).withShape(s));
            }
        }
    }

    @Test
    void flagsOverrideTheShapeInAnyOrderAndSurviveTheHeaderEvenWhenTheyAreTheGlobalDefault() {
        SimOptions o = SimFlags.parse("--slow-rate 0 --shape slow-links --steps 50", 1);

        assertThat(Shape.SLOW_LINKS.options(1).slowRate()).isPositive();
        assertThat(o.slowRate()).isZero();
        assertThat(o.steps()).isEqualTo(50);
        assertThat(SimFlags.parse(o.format(), 1)).isEqualTo(o);
        // voters follow a smaller node count
        assertThat(SimFlags.parse("--shape conflict-heavy --nodes 3", 1).voters()).isEqualTo(3);
    }

    @Test
    void theShorthandRatesSetBothAndTheSpecificOnesWin() {
        SimOptions o = SimFlags.parse("--duplicate-rate 0.2 --message-fault-rate 0.1 --node-fault-rate 0.01 "
                + "--crash-rate 0", 1);

        assertThat(o.dropRate()).isEqualTo(0.1);
        assertThat(o.duplicateRate()).isEqualTo(0.2);
        assertThat(o.partitionRate()).isEqualTo(0.01);
        assertThat(o.crashRate()).isZero();
        assertThat(o.format()).contains("--message-fault-rate 0.1 --node-fault-rate 0.01")
                .contains("--duplicate-rate 0.2 --crash-rate 0.0").doesNotContain("--shape");
        assertThat(SimFlags.parse(o.format(), 1)).isEqualTo(o);
    }

    @Test
    void theMixPicksEveryShapeFromTheSeedAndARunOfItReplaysAsItsShape() {
        Set<Shape> seen = EnumSet.noneOf(Shape.class);
        for (long seed = 1; seed <= 120; seed++) {
            Shape s = Shape.MIX.forSeed(seed);
            assertThat(Shape.MIX.forSeed(seed)).isEqualTo(s);
            SimOptions o = SimFlags.parse("--shape mix --steps 40", seed);
            assertThat(o.shape()).isEqualTo(s);
            assertThat(o.steps()).isEqualTo(40);
            assertThat(Simulator.optionsOf(Simulator.header(o))).isEqualTo(o);
            seen.add(s);
        }
        Set<Shape> mixed = EnumSet.noneOf(Shape.class);
        Shape.MIX_WEIGHTS.forEach(w -> mixed.add(w.shape()));
        assertThat(seen).isEqualTo(mixed).doesNotContain(Shape.MIX);
    }

    @Test
    void anUnknownShapeIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Shape.parse("calm")).hasMessage("unknown shape 'calm'; the shapes are: default, "
                + "conflict-heavy, slow-links, membership-churn, crash-heavy, seed-like, snapshot-heavy, mix");
        assertThatThrownBy(() -> SimOptions.defaults(1).withPartitionTicks(9))
                .hasMessage("--partition-ticks must be between 10 and 1000000, got 9");
    }

    @Test
    void slowMessagesTakeLongerThanAnElectionTimeout() {
        Message m = new Message.RequestVote(1, 1, 2, 0, 0);
        RandomNetwork slow = new RandomNetwork(3, new SplittableRandom(1), new SplittableRandom(2),
                new NetworkFaults(3, true, 0, 0, 1.0, 40));
        RandomNetwork fast = new RandomNetwork(3, new SplittableRandom(1), new SplittableRandom(2),
                new NetworkFaults(3, true, 0, 0, 0, 40));
        long longest = 0;
        for (int k = 0; k < 500; k++) {
            long at = slow.arrival(m, 100);
            assertThat(at).isBetween(104L, 143L);
            longest = Math.max(longest, at - 100);
            assertThat(fast.arrival(m, 100)).isBetween(101L, 103L);
        }
        assertThat(longest).isEqualTo(43).isGreaterThan(20); // beyond the longest election timeout
    }

    @Test
    void aCrashHeavyRunRestartsNodesInPlace() {
        SimResult r = Simulator.run(Shape.CRASH_HEAVY.options(2), null);

        assertThat(r.notes()).anyMatch(n -> n.text().endsWith("restarted in place"));
        assertThat(r.coverage().reached(Coverage.Counter.IN_PLACE_RESTART)).isTrue();
        assertThat(r.safe()).isTrue();
    }
}
