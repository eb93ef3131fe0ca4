package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jointraft.conformance.tlc.TlcOutput;
import org.jointraft.conformance.tlc.TlcResult;
import org.jointraft.conformance.tlc.TlcStats;
import org.junit.jupiter.api.Test;

/** The guard against an accepted replay that skipped events, with and without TLC's own state count. */
class VacuousPassGuardTest {

    private static final Path A = Path.of("a.ndjson");
    private static final Path B = Path.of("b.ndjson");
    private static final Map<Path, TraceValidator.Info> INFOS =
            Map.of(A, new TraceValidator.Info("h", 41), B, new TraceValidator.Info("h", 7));

    private static TlcOutcome outcome(long statesCounted, String printed) {
        TlcOutput output = new TlcOutput(0, "", List.of(), Optional.of(printed));
        return TlcOutcome.of(new TlcResult.Ok(new TlcStats(statesCounted, 0, 0, 1.0), output), "test");
    }

    @Test
    void withTlcsCountTheAcceptedTracesNeedAStatePerEventAndOneToStartFrom() {
        String printed = "\"JR~~accepted~~1~~41\"\n\"JR~~accepted~~2~~7\"\n";
        assertThat(TraceValidator.requireReplayed(outcome(50, printed), List.of(A, B), 2, 50, INFOS)).isTrue();
        assertThatThrownBy(() -> TraceValidator.requireReplayed(outcome(49, printed), List.of(A, B), 2, 50, INFOS))
                .isInstanceOf(ValidationException.class).hasMessageContaining("generated only 49 states");
    }

    @Test
    void withoutTlcsCountTheMarkersMustNameEachTracesLastEvent() {
        String whole = "\"JR~~accepted~~1~~41\"\n\"JR~~accepted~~2~~7\"\n";
        assertThat(TraceValidator.requireReplayed(outcome(0, whole), List.of(A, B), 2, 50, INFOS)).isFalse();
        String shortOfTheEnd = "\"JR~~accepted~~1~~41\"\n\"JR~~accepted~~2~~6\"\n";
        assertThatThrownBy(() -> TraceValidator.requireReplayed(outcome(0, shortOfTheEnd), List.of(A, B), 2, 50, INFOS))
                .isInstanceOf(ValidationException.class).hasMessageContaining("b.ndjson after 6 events, but it has 7");
    }
}
