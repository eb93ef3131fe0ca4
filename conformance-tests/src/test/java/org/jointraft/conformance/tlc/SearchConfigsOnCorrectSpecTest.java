package org.jointraft.conformance.tlc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The search cfgs of module MCJointRaftSearch (spec/MCJointRaftSearch_NAME.cfg, each the cfg of a variant that the
 * suite cfgs cannot catch in time) pass on the unmodified spec, exhaustively, and explore at least 90% of the space
 * measured on 2026-12-02, so that a restriction that silently shrinks the model fails here.
 */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class SearchConfigsOnCorrectSpecTest {
    /** A search cfg as measured on the correct spec: distinct states and depth. */
    record Measured(long distinct, int depth) { }

    static final Map<String, Measured> MEASURED = Map.of(
            "MCJointRaftSearch_fig8.cfg", new Measured(274_496, 57),
            "MCJointRaftSearch_union.cfg", new Measured(12_555, 46),
            "MCJointRaftSearch_blank.cfg", new Measured(36_957, 43));
    static final double FLOOR = 0.9;
    static final Duration LIMIT = Duration.ofMinutes(4);

    @TestFactory
    Stream<DynamicTest> each_search_cfg_passes_on_the_real_spec_with_its_measured_space() {
        return MEASURED.entrySet().stream().sorted(Map.Entry.comparingByKey()).map(e ->
                DynamicTest.dynamicTest(e.getKey() + " passes", () -> {
                    TlcResult result = TlcDriver.local().run(TlcRun.of("MCJointRaftSearch").cfg(e.getKey())
                            .workers(2).timeout(LIMIT).build());
                    String what = result instanceof TlcResult.Error err ? err.kind() + ": " + err.message()
                            : result instanceof TlcResult.InvariantViolated v
                            ? v.invariant() + " violated:\n" + TraceFormatter.format(v.trace()) : result.toString();
                    System.out.printf("search cfg %s: %,d distinct states, depth %d, %.1f s%n", e.getKey(),
                            result.stats().distinctStates(), result.stats().depth(), result.stats().seconds());
                    assertThat(result).as("%s on the real spec: %s", e.getKey(), what).isInstanceOf(TlcResult.Ok.class);
                    assertThat(result.stats().distinctStates()).as("distinct states of %s (measured %,d)", e.getKey(),
                            e.getValue().distinct()).isGreaterThanOrEqualTo((long) (FLOOR * e.getValue().distinct()));
                    assertThat(result.stats().depth()).as("depth of %s (measured %d)", e.getKey(), e.getValue().depth())
                            .isGreaterThanOrEqualTo((long) (FLOOR * e.getValue().depth()));
                }));
    }
}
