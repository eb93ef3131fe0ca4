package org.jointraft.conformance.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jointraft.conformance.io.ScratchFolder;
import org.jointraft.conformance.io.ShutdownCleanup;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.core.Entry;
import org.jointraft.core.Ready;
import org.jointraft.storage.FileLogStore;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jointraft bench-wal}: appends and fsyncs per second of the file-backed log on this disk, with 1, 16 and
 * 256 entries per sync (group commit). Each batch size gets a fresh store in a scratch folder, deleted afterwards
 * (also when the JVM is stopped).
 */
@Command(name = "bench-wal", mixinStandardHelpOptions = true,
        description = "Measures appends/s and syncs/s of the write-ahead log with 1, 16 and 256 entries per sync.")
public final class WalBenchCommand implements Callable<Integer> {

    static final List<Integer> BATCH_SIZES = List.of(1, 16, 256);

    @Option(names = "--dir", paramLabel = "DIR",
            description = "an existing folder on the disk to measure; the store goes into a new folder inside it, "
                    + "deleted afterwards. Default: the system's temporary folder")
    Path dir;

    @Option(names = "--entries", defaultValue = "4096", paramLabel = "N", converter = Range.Positive.class,
            description = "entries appended per batch size (whole batches, at least one), at least 1. "
                    + "Default: ${DEFAULT-VALUE}")
    int entries;

    @Option(names = "--entry-bytes", defaultValue = "100", paramLabel = "B", converter = EntryBytes.class,
            description = "client data per entry in bytes, 0 to " + EntryBytes.MAX + ". Default: ${DEFAULT-VALUE}")
    int entryBytes;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (dir != null && !Files.isDirectory(dir)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--dir " + dir + " is not a folder");
        }
        String loadBefore = BenchValidateCommand.loadAverage();
        List<BatchJson> results = new ArrayList<>();
        String where;
        try (ScratchFolder folder = dir == null ? ScratchFolder.create("jointraft-bench-wal-")
                : ScratchFolder.create(dir, "jointraft-bench-wal-")) {
            where = folder.path().toString();
            for (int batch : BATCH_SIZES) {
                ShutdownCleanup.JVM.checkNotStopping();
                results.add(measure(folder.resolve("batch-" + batch), batch));
            }
        }
        WalBenchJson result = new WalBenchJson(where, entryBytes, results, loadBefore,
                BenchValidateCommand.loadAverage(), Runtime.getRuntime().availableProcessors());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(JsonOutput.line(result));
        } else {
            print(out, result);
        }
        out.flush();
        return Main.OK;
    }

    private BatchJson measure(Path storeDir, int batch) throws IOException {
        int batches = Math.max(1, entries / batch);
        String data = "x".repeat(entryBytes);
        List<Entry> entriesOfABatch = new ArrayList<>();
        for (int i = 0; i < batch; i++) {
            entriesOfABatch.add(Entry.normal(1, data));
        }
        try (FileLogStore store = FileLogStore.open(storeDir)) {
            store.persist(new Ready(List.of(), true, 1, 1, 0, List.of(), 0, List.of(), List.of()));
            store.sync();
            long start = System.nanoTime();
            for (int b = 0; b < batches; b++) {
                store.persist(new Ready(List.of(), false, 1, 1, store.lastIndex() + 1, entriesOfABatch, 0, List.of(),
                        List.of()));
                store.sync();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new BatchJson(batch, (long) batches * batch, batches, Math.round(seconds * 1000) / 1000.0,
                    Math.round(batches * batch / seconds), Math.round(batches / seconds));
        }
    }

    private static void print(PrintWriter out, WalBenchJson r) {
        out.printf("bench-wal: entries of %d bytes, appended and fsynced in %s (deleted afterwards)%n", r.entryBytes(),
                r.dir());
        out.printf("  %12s %10s %8s %12s %10s%n", "entries/sync", "entries", "syncs", "appends/s", "syncs/s");
        for (BatchJson b : r.batches()) {
            out.printf("  %12d %,10d %,8d %,12d %,10d%n", b.entriesPerSync(), b.entries(), b.syncs(),
                    b.appendsPerSecond(), b.syncsPerSecond());
        }
        out.printf("  load average  %s before, %s after (1, 5, 15 minutes), %d cores%n", firstThree(r.loadBefore()),
                firstThree(r.loadAfter()), r.cores());
    }

    private static String firstThree(String loadAverage) {
        String[] fields = loadAverage.split(" ");
        return fields.length < 3 ? fields[0] : fields[0] + " " + fields[1] + " " + fields[2];
    }

    /** 0 to 1 MiB: a bigger entry measures the copying more than the log. */
    static final class EntryBytes extends Range.WholeNumber {
        static final int MAX = 1 << 20;

        EntryBytes() {
            super(new Range(0, MAX));
        }
    }

    /** The printed object. */
    @JsonPropertyOrder({"dir", "entryBytes", "batches", "loadBefore", "loadAfter", "cores"})
    record WalBenchJson(String dir, int entryBytes, List<BatchJson> batches, String loadBefore, String loadAfter,
            int cores) {
    }

    /** One batch size: what was done and how fast. */
    @JsonPropertyOrder({"entriesPerSync", "entries", "syncs", "seconds", "appendsPerSecond", "syncsPerSecond"})
    record BatchJson(int entriesPerSync, long entries, long syncs, double seconds, long appendsPerSecond,
            long syncsPerSecond) {
    }
}
