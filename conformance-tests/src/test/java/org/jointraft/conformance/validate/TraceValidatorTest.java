package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jointraft.trace.TraceEvent;
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

    @Test
    void aRejectedTraceInTheMiddleOfABatchIsDiagnosedAtItsEventAndTheRestIsStillJudged() throws IOException {
        Path a = ClusterTraces.write(dir.resolve("a.ndjson"), 3, 1, 500);
        Path c = ClusterTraces.write(dir.resolve("c.ndjson"), 3, 3, 500);
        TraceEdit edit = TraceEdit.of(ClusterTraces.write(dir.resolve("b-valid.ndjson"), 3, 2, 500));
        int p = edit.find(100, e -> e instanceof TraceEvent.AdvanceCommitIndex).orElseThrow();
        TraceEvent.AdvanceCommitIndex commit = (TraceEvent.AdvanceCommitIndex) edit.get(p);
        edit.replace(p, new TraceEvent.AdvanceCommitIndex(commit.node(), commit.commitIndex(),
                States.votedFor(commit.state(), commit.state().votedFor() == 1 ? 2 : 1)));
        Path b = edit.write(dir.resolve("b.ndjson"));

        List<Verdict> verdicts = Validators.validator().validate(List.of(a, b, c));

        assertThat(verdicts.get(0).accepted()).isTrue();
        assertThat(verdicts.get(1).accepted()).isFalse();
        assertThat(verdicts.get(1).rejectedAt()).isEqualTo(p + 1);
        assertThat(verdicts.get(1).diagnosis().orElseThrow().differences())
                .extracting(Diagnosis.Difference::name).containsExactly("votedFor");
        assertThat(verdicts.get(2).accepted()).isTrue();
    }

    @Test
    void aMalformedTraceIsRefusedBeforeTlcRunsWithTheReadersLineAndField() throws IOException {
        Path good = ClusterTraces.write(dir.resolve("good.ndjson"), 3, 1, 50);
        List<String> lines = new java.util.ArrayList<>(java.nio.file.Files.readAllLines(good));
        lines.set(3, lines.get(3).replace("\"seq\":3", "\"seq\":\"three\""));
        Path bad = java.nio.file.Files.write(dir.resolve("bad.ndjson"), lines);

        assertThatThrownBy(() -> Validators.validator().validate(List.of(good, bad)))
                .isInstanceOf(BadTraceException.class)
                .hasMessageContaining("bad.ndjson").hasMessageContaining("line 4").hasMessageContaining("seq");
    }

    @Test
    void aMissingTraceFileIsBadInput() {
        assertThatThrownBy(() -> Validators.validator().validate(dir.resolve("nowhere.ndjson")))
                .isInstanceOf(BadTraceException.class).hasMessageContaining("no such file");
    }
}
