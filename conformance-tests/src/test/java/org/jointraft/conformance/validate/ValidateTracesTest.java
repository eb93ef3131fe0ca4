package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.conformance.sim.Simulator;
import org.jointraft.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(ValidateTraces.class)
class ValidateTracesTest {

    @Test
    void aTestThatDrivesSimulatedClustersHasItsTracesValidatedAfterwards(TraceFiles traces) throws IOException {
        SimResult first = Simulator.run(SimTraces.options(21).withTrace(traces.next("first")));
        SimResult second = Simulator.run(SimTraces.options(22).withTrace(traces.next("second")));

        assertThat(first.safe() && second.safe()).isTrue();
        assertThat(traces.files()).hasSize(2);
    }

    @Test
    void aRejectedTraceFailsWithItsDiagnosis(@TempDir Path dir) throws IOException {
        TraceFiles traces = new TraceFiles(dir);
        Path valid = SimTraces.write(dir, 23);
        TraceEdit edit = TraceEdit.of(valid);
        int p = edit.find(0, e -> e instanceof TraceEvent.Timeout).orElseThrow();
        TraceEvent.Timeout t = (TraceEvent.Timeout) edit.get(p);
        edit.replace(p, new TraceEvent.Timeout(t.node(), States.votedFor(t.state(), 0)));
        edit.write(traces.next("edited"));

        assertThatThrownBy(() -> traces.validateAll(Validators.validator()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 of 1 trace(s) rejected")
                .hasMessageContaining("rejected at event " + (p + 1))
                .hasMessageContaining("votedFor");
    }
}
