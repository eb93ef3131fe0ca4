package org.jointraft.conformance.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.jointraft.trace.TraceEvent;
import org.junit.jupiter.api.Test;

class SimOptionsTest {

    @Test
    void formattedOptionsParseBackToTheSameOptions() {
        SimOptions o = SimOptions.defaults(99).withNodes(5).withVoters(2).withSteps(1234)
                .withFaults(EnumSet.of(Fault.DROP, Fault.ONEWAY, Fault.MEMBERSHIP)).withWriteRate(0.125)
                .withMembershipRate(0.5).withMessageFaultRate(0.01).withNodeFaultRate(0).withMaxDelay(7);

        assertThat(o.format()).isEqualTo("--nodes 5 --voters 2 --steps 1234 --faults drop,oneway,membership"
                + " --write-rate 0.125 --membership-rate 0.5 --message-fault-rate 0.01 --node-fault-rate 0.0"
                + " --max-delay 7 --snapshot-rate 0.02");
        assertThat(SimFlags.parse(o.format(), 99)).isEqualTo(o);
    }

    @Test
    void aSmallBatchIsFormattedAndParsedBackWhileTheDefaultBatchKeepsOldHeadersUnchanged() {
        SimOptions small = SimOptions.defaults(3).withMaxBatch(2);

        assertThat(small.format()).endsWith(" --max-delay 3 --max-batch 2 --snapshot-rate 0.02");
        assertThat(SimFlags.parse(small.format(), 3)).isEqualTo(small);
        assertThat(SimOptions.defaults(3).format()).doesNotContain("--max-batch");
        assertThatThrownBy(() -> SimOptions.defaults(1).withMaxBatch(0))
                .hasMessage("--max-batch must be at least 1, got 0");
    }

    @Test
    void aSmallBatchSplitsTheAppendEntriesOfARun() {
        assertThat(largestAppendEntries(SimOptions.defaults(4).withWriteRate(0.9))).isGreaterThan(1);
        assertThat(largestAppendEntries(SimOptions.defaults(4).withWriteRate(0.9).withMaxBatch(1))).isEqualTo(1);
    }

    private static int largestAppendEntries(SimOptions options) {
        int[] largest = {0};
        Simulator.run(options, event -> {
            if (event instanceof TraceEvent.SendAppendEntries send) {
                largest[0] = Math.max(largest[0], send.msg().entries().size());
            }
        });
        return largest[0];
    }

    @Test
    void missingFlagsKeepTheirDefaultsAndVotersFollowASmallNodeCount() {
        SimOptions o = SimFlags.parse("--nodes 2", 5);

        assertThat(o).isEqualTo(SimOptions.defaults(5).withNodes(2));
        assertThat(o.voters()).isEqualTo(2);
    }

    @Test
    void theSnapshotRateIsAlwaysWrittenAndAHeaderWithoutItReadsAsARunWithoutSnapshots() {
        SimOptions none = SimOptions.defaults(3).withSnapshotRate(0);

        assertThat(SimOptions.defaults(3).snapshotRate()).isEqualTo(SimOptions.DEFAULT_SNAPSHOT_RATE).isPositive();
        assertThat(none.format()).endsWith(" --snapshot-rate 0.0");
        assertThat(SimFlags.parse(none.format(), 3)).isEqualTo(none);
        String old = "--nodes 3 --voters 3 --steps 300 --faults all --write-rate 0.2 --membership-rate 0.02"
                + " --message-fault-rate 0.03 --node-fault-rate 0.005 --max-delay 3";
        assertThat(SimFlags.parseHeader(old, 3)).isEqualTo(none);
        assertThat(SimFlags.parse(old, 3)).isEqualTo(SimOptions.defaults(3)); // a command line means the default
        assertThat(SimFlags.parseHeader(SimOptions.defaults(3).withSnapshotRate(0.5).format(), 3).snapshotRate())
                .isEqualTo(0.5);
        assertThatThrownBy(() -> SimOptions.defaults(1).withSnapshotRate(2))
                .hasMessage("--snapshot-rate must be between 0 and 1, got 2");
    }

    @Test
    void aRunWithSnapshotRateZeroTakesNoSnapshotAndAHighRateTakesMany() {
        SimOptions none = SimOptions.defaults(11).withSnapshotRate(0);

        assertThat(Simulator.run(none, null).coverage().count(Coverage.Counter.SNAPSHOT_TAKEN)).isZero();
        assertThat(Simulator.run(none.withSnapshotRate(0.3), null).coverage().count(Coverage.Counter.SNAPSHOT_TAKEN))
                .isGreaterThan(10);
    }

    @Test
    void faultListsParseAllNoneAndNamesInAnyOrder() {
        assertThat(Fault.parseList("crash,drop")).containsExactlyInAnyOrder(Fault.CRASH, Fault.DROP);
        assertThat(Fault.parseList("all")).isEqualTo(Fault.all());
        assertThat(Fault.parseList("none")).isEmpty();
        assertThatThrownBy(() -> Fault.parseList(" ")).hasMessageContaining("empty; write none");
        assertThat(Fault.formatList(Fault.all()))
                .isEqualTo("drop,duplicate,reorder,partition,oneway,crash,membership");
    }

    @Test
    void anUnknownFaultIsNamedWithTheKnownOnes() {
        assertThatThrownBy(() -> Fault.parseList("drop,earthquake"))
                .hasMessage("unknown fault 'earthquake' in 'drop,earthquake'; the faults are: "
                        + "drop,duplicate,reorder,partition,oneway,crash,membership (or all, none)");
    }

    @Test
    void badValuesAreRefusedWithTheFlagName() {
        assertThatThrownBy(() -> SimOptions.defaults(1).withNodes(0)).hasMessage("--nodes must be between 1 and 64, got 0");
        assertThatThrownBy(() -> SimOptions.defaults(1).withSteps(-1)).hasMessage("--steps must be between 0 and 1000000, got -1");
        assertThatThrownBy(() -> SimOptions.defaults(1).withVoters(4))
                .hasMessage("--voters must be between 1 and --nodes (3), got 4");
        assertThatThrownBy(() -> SimOptions.defaults(1).withWriteRate(1.5))
                .hasMessage("--write-rate must be between 0 and 1, got 1.5");
        assertThatThrownBy(() -> SimFlags.parse("--steps ten", 1))
                .hasMessageContaining("Invalid value for option '--steps': 'ten' is not a whole number");
        assertThatThrownBy(() -> SimFlags.parse("--color red", 1)).hasMessageContaining("Unknown option").hasMessageContaining("--color");
        assertThatThrownBy(() -> SimFlags.parse("--nodes", 1)).hasMessageContaining("Missing required parameter for option '--nodes'");
    }
}
