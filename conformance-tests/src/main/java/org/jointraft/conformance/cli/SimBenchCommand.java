package org.jointraft.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jointraft.conformance.io.ScratchFolder;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.SimFlags;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.conformance.sim.Simulator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jointraft bench-sim}: simulated trace events per second, by wall clock and by this thread's CPU time (the
 * machine is shared, so the CPU rate is the steadier number). Runs seeds 1, 2, ... with every fault, each writing its
 * trace to one scratch file, after a warm-up.
 */
@Command(name = "bench-sim", mixinStandardHelpOptions = true, defaultValueProvider = SimBenchCommand.LongerRuns.class,
        description = "Measures simulated trace events per second (wall clock and CPU time), tracing to a file.")
public final class SimBenchCommand implements Callable<Integer> {

    @Option(names = "--seconds", defaultValue = "10", paramLabel = "S", converter = MeasuredSeconds.class,
            description = "measured time, at least 0.1. Default: ${DEFAULT-VALUE}")
    double seconds;

    @Mixin
    SimFlags flags;

    @Option(names = "--no-trace", description = "count events without writing a trace (shows what tracing costs)")
    boolean noTrace;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        SimOptions base;
        try {
            base = flags.toOptions(1);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        String loadBefore = loadAverage();
        try (ScratchFolder folder = ScratchFolder.create("jointraft-bench-")) {
            Path scratch = folder.resolve("run.ndjson");
            Rate warm = measure(base, scratch, Math.min(2, seconds / 5), 1);
            Rate r = measure(base, scratch, seconds, 1 + warm.runs);
            out.printf("bench-sim: %d runs of %d nodes x %d ticks, faults %s, %s%n", r.runs, base.nodes(), base.steps(),
                    Fault.formatList(base.faults()),
                    noTrace ? "events built but not written" : "traced to a file");
            out.printf("  events        %,d%n", r.events);
            out.printf("  wall time     %.2f s  -> %,.0f events/s%n", r.wallNanos / 1e9, r.events / (r.wallNanos / 1e9));
            out.printf("  cpu time      %.2f s  -> %,.0f events/s per CPU-second%n", r.cpuNanos / 1e9,
                    r.events / (r.cpuNanos / 1e9));
            out.printf("  trace bytes   %,d (last run)%n", Files.size(scratch));
            // the machine may be shared: the rates mean little without its load
            out.printf("  load average  %s before, %s after (1, 5, 15 minutes), %d cores%n", loadBefore, loadAverage(),
                    Runtime.getRuntime().availableProcessors());
            out.flush();
        }
        return Main.OK;
    }

    /** At least 0.1 s: a shorter measurement is mostly noise. */
    static final class MeasuredSeconds extends Range.RealNumber {
        MeasuredSeconds() {
            super(new Range(0.1, Integer.MAX_VALUE));
        }
    }

    /** Runs of 2000 ticks (not the 300 of a simulate run), so that a run's setup weighs little in the rate. */
    static final class LongerRuns implements CommandLine.IDefaultValueProvider {
        @Override
        public String defaultValue(CommandLine.Model.ArgSpec argSpec) {
            return argSpec.isOption() && ((CommandLine.Model.OptionSpec) argSpec).longestName().equals("--steps")
                    ? "2000" : null;
        }
    }

    /** The 1, 5 and 15 minute load averages of /proc/loadavg. */
    private static String loadAverage() {
        String[] fields = BenchValidateCommand.loadAverage().split(" ");
        return fields.length < 3 ? fields[0] : fields[0] + " " + fields[1] + " " + fields[2];
    }

    private record Rate(long runs, long events, long wallNanos, long cpuNanos) {
    }

    private Rate measure(SimOptions base, Path scratch, double forSeconds, long firstSeed) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long wall0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long events = 0;
        long runs = 0;
        long seed = firstSeed;
        while (System.nanoTime() - wall0 < forSeconds * 1e9) {
            SimOptions o = base.withSeed(seed++);
            if (noTrace) {
                long[] count = new long[1];
                Simulator.run(o, e -> count[0]++);
                events += count[0];
            } else {
                SimResult r = Simulator.run(o.withTrace(scratch));
                events += r.events();
            }
            runs++;
        }
        return new Rate(runs, events, System.nanoTime() - wall0, threads.getCurrentThreadCpuTime() - cpu0);
    }
}
