package org.jointraft.trace.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jointraft.trace.TraceWriter;

/**
 * Writes N synthetic events (default 1,000,000) to a temporary file and prints events per second.
 * Usage: {@code java -cp ... org.jointraft.trace.bench.WriterBenchmark [events] [file]}.
 */
public final class WriterBenchmark {

    private WriterBenchmark() {}

    public static void main(String[] args) throws IOException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        Path file = args.length > 1 ? Path.of(args[1]) : Files.createTempFile("jointraft-bench", ".ndjson");
        write(file, n / 10); // warm-up
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        write(file, n);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = (cpuNanos() - cpuStart) / 1e9;
        System.out.printf("wrote %,d events (%,d bytes) in %.2f s: %,.0f events/s (%,.0f events per CPU second)%n",
                n, Files.size(file), seconds, n / seconds, n / cpu);
        if (args.length < 2) {
            Files.delete(file);
        }
    }

    /** CPU time of this thread: on a shared machine wall time says more about the neighbours. */
    static long cpuNanos() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    static void write(Path file, int n) throws IOException {
        try (TraceWriter writer = TraceWriter.open(file)) {
            writer.writeHeader(SyntheticEvents.header());
            for (int seq = 1; seq <= n; seq++) {
                writer.write(SyntheticEvents.event(seq));
            }
        }
    }
}
