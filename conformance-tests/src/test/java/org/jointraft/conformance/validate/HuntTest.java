package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.jointraft.conformance.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HuntTest {
    @TempDir
    Path dir;

    @Test
    void huntValidatesEveryRunAndReportsThemAsJson() throws IOException {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int code = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                "hunt", "--runs", "12", "--seed", "40", "--steps", "120", "--json", "--out", dir.resolve("f").toString());

        assertThat(code).as(err.toString()).isEqualTo(Main.OK);
        JsonNode r = new ObjectMapper().readTree(out.toString());
        assertThat(r.get("runs").asInt()).isEqualTo(12);
        assertThat(r.get("accepted").asInt()).isEqualTo(12);
        assertThat(r.get("rejected").asInt()).isZero();
        assertThat(r.get("events").asLong()).isGreaterThan(12 * 100);
        assertThat(r.get("failures")).isEmpty();
        assertThat(err.toString()).contains("12/12 runs");
        assertThat(dir.resolve("f")).doesNotExist();
    }

}
