package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TraceValidatorTest {
    @TempDir
    Path dir;

    @Test
    void aTraceOfARealClusterWithMembershipChangesIsAccepted() throws IOException {
        Path trace = ClusterTraces.write(dir.resolve("run.ndjson"), 5, 11, 3000);

        Verdict verdict = Validators.validator().validate(trace);

        assertThat(verdict.reason()).isEmpty();
        assertThat(verdict.accepted()).isTrue();
        assertThat(verdict.events()).isGreaterThan(1000);
    }

    @Test
    void severalTracesWithTheSameHeaderAreJudgedInOneBatchEachOnItsOwn() throws IOException {
        Path a = ClusterTraces.write(dir.resolve("a.ndjson"), 3, 1, 500);
        Path b = ClusterTraces.write(dir.resolve("b.ndjson"), 3, 2, 500);

        List<Verdict> verdicts = Validators.validator().validate(List.of(a, b));

        assertThat(verdicts).extracting(Verdict::trace).containsExactly(a.toAbsolutePath(), b.toAbsolutePath());
        assertThat(verdicts).allSatisfy(v -> assertThat(v.accepted()).as(v.reason()).isTrue());
    }
}
