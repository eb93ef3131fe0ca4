package org.jointraft.trace.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jointraft.trace.TraceCursor;
import org.jointraft.trace.TraceReader;
import org.jointraft.trace.TraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writer and reader throughput on 1,000,000 synthetic events, in events per CPU second of the running
 * thread (on a shared machine wall time says more about the neighbours). Not part of the default test
 * run (the pom excludes it); docs/trace-format.md gives the command and the last numbers. Reading must
 * keep up with long simulation runs, hence the floor.
 */
class TraceBenchmark {

    private static final int EVENTS = 1_000_000;
    private static final double READ_FLOOR = 300_000;

    @TempDir
    Path dir;

    @Test
    void writing() throws IOException {
        Path file = dir.resolve("bench.ndjson");
        write(file, EVENTS / 10); // warm-up
        long cpu = cpuNanos();
        write(file, EVENTS);
        double perCpuSecond = EVENTS / ((cpuNanos() - cpu) / 1e9);
        System.out.printf("wrote %,d events (%,d bytes): %,.0f events per CPU second%n",
                EVENTS, Files.size(file), perCpuSecond);
        assertThat(perCpuSecond).isPositive();
    }

    @Test
    void reading() throws IOException {
        Path file = dir.resolve("bench.ndjson");
        write(file, EVENTS);
        TraceReader reader = new TraceReader();
        read(reader, file); // warm-up
        long cpu = cpuNanos();
        long lines = read(reader, file);
        double perCpuSecond = lines / ((cpuNanos() - cpu) / 1e9);
        System.out.printf("read and validated %,d lines: %,.0f lines per CPU second%n", lines, perCpuSecond);
        assertThat(lines).isEqualTo(EVENTS + 1);
        assertThat(perCpuSecond).as("lines per CPU second").isGreaterThanOrEqualTo(READ_FLOOR);
    }

    private static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static void write(Path file, int n) throws IOException {
        try (TraceWriter writer = TraceWriter.open(file)) {
            writer.writeHeader(SyntheticEvents.header());
            for (int seq = 1; seq <= n; seq++) {
                writer.write(SyntheticEvents.event(seq));
            }
        }
    }

    private static long read(TraceReader reader, Path file) throws IOException {
        try (TraceCursor cursor = reader.open(file)) {
            while (cursor.hasNext()) {
                cursor.next();
            }
            return cursor.lineNumber();
        }
    }
}
