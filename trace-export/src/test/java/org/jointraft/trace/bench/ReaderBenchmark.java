package org.jointraft.trace.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jointraft.trace.TraceCursor;
import org.jointraft.trace.TraceReader;

/**
 * Writes N synthetic events (default 1,000,000), then reads and validates them with the streaming cursor
 * and prints lines per second. Usage: {@code java -cp ... org.jointraft.trace.bench.ReaderBenchmark [events]}.
 */
public final class ReaderBenchmark {

    private ReaderBenchmark() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path file = Files.createTempFile("jointraft-bench", ".ndjson");
        try {
            WriterBenchmark.write(file, n);
            TraceReader reader = new TraceReader();
            read(reader, file); // warm-up
            long start = System.nanoTime();
            long cpuStart = WriterBenchmark.cpuNanos();
            long lines = read(reader, file);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = (WriterBenchmark.cpuNanos() - cpuStart) / 1e9;
            System.out.printf("read and validated %,d lines in %.2f s: %,.0f lines/s (%,.0f lines per CPU second)%n",
                    lines, seconds, lines / seconds, lines / cpu);
        } finally {
            Files.delete(file);
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
