package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalBenchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    }

    @Test
    void theBenchmarkPrintsPositiveRatesForOneSixteenAnd256EntriesPerSync() throws Exception {
        assertThat(run("bench-wal", "--entries", "32", "--dir", dir.toString())).isEqualTo(0);

        assertThat(out.toString()).containsPattern("entries/sync +entries +syncs +appends/s +syncs/s")
                .containsPattern("\n +1 +32 +32 +[1-9][0-9,]* +[1-9][0-9,]*\n")
                .containsPattern("\n +16 +32 +2 +[1-9][0-9,]* +[1-9][0-9,]*\n")
                .containsPattern("\n +256 +256 +1 +[1-9][0-9,]* +[1-9][0-9,]*\n")
                .containsPattern("load average  [0-9.]+ [0-9.]+ [0-9.]+ before");
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left).as("the scratch store is deleted").isEmpty();
        }
    }

    @Test
    void theJsonHasOneObjectPerBatchSize() throws Exception {
        assertThat(run("bench-wal", "--entries", "16", "--entry-bytes", "0", "--dir", dir.toString(), "--json"))
                .isEqualTo(0);

        JsonNode json = new ObjectMapper().readTree(out.toString());
        List<Integer> sizes = new ArrayList<>();
        for (JsonNode batch : json.get("batches")) {
            sizes.add(batch.get("entriesPerSync").asInt());
            assertThat(batch.get("appendsPerSecond").asLong()).isPositive();
            assertThat(batch.get("syncsPerSecond").asLong()).isPositive();
        }
        assertThat(sizes).containsExactly(1, 16, 256);
        assertThat(json.get("entryBytes").asInt()).isZero();
    }

    @Test
    void aBadOptionIsRefusedWithExitCode2AndNothingOnStdout() {
        assertThat(run("bench-wal", "--entries", "-3")).isEqualTo(Main.BAD_INPUT);

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).startsWith("jointraft: Invalid value for option '--entries': must be at least 1, got -3");
    }
}
