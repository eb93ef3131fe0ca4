package org.jointraft.conformance.cli;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.io.ScratchFolder;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.SimFlags;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.Simulator;
import org.jointraft.conformance.validate.Hunt;
import org.jointraft.conformance.validate.TraceValidator;
import org.jointraft.conformance.validate.Verdict;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceReader;
import org.jointraft.trace.TraceWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code jointraft bench-validate}: how fast TLC validates traces. Single traces of the given sizes
 * (prefixes of one long 5-node run with membership changes; a prefix of a valid trace is valid), then a
 * hunt of many short runs. Every time is wall-clock and includes TLC's JVM start; the load average is
 * printed because the machine may be shared.
 */
@Command(name = "bench-validate", mixinStandardHelpOptions = true,
        description = {"Measures trace validation speed: events/s for single traces, runs/minute for hunt."})
public final class BenchValidateCommand implements Callable<Integer> {

    @Option(names = "--sizes", defaultValue = "1000,10000,100000", split = ",", paramLabel = "N,...",
            converter = TraceSize.class,
            description = "single-trace sizes in events, each from 1 to " + TraceSize.MAX + ". Default: ${DEFAULT-VALUE}")
    List<Integer> sizes;

    @Option(names = "--runs", defaultValue = "1000", paramLabel = "N", converter = Range.NonNegative.class,
            description = "hunt runs to time, at least 0 (0: skip). Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--run-steps", defaultValue = "250", paramLabel = "K", converter = SimFlags.StepCount.class,
            description = "ticks per hunt run, 0 to " + SimOptions.MAX_STEPS + ". Default: ${DEFAULT-VALUE}")
    int runSteps;

    @Mixin
    TlcJobs jobs;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "seed of the runs. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--json", description = "print one JSON object on stdout")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<TraceValidator> validator;

    public BenchValidateCommand() {
        this(TraceValidator::local);
    }

    BenchValidateCommand(Supplier<TraceValidator> validator) {
        this.validator = validator;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String loadBefore = loadAverage();
        List<SingleJson> singles = new ArrayList<>();
        double[] timeOf = new double[sizes.size()];
        Map<String, Double> ratios = new LinkedHashMap<>();
        HuntJson hunt = null;
        boolean allAccepted = true;
        try (ScratchFolder work = ScratchFolder.create("jointraft-bench-")) {
            int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
            Path longRun = largest > 0 ? longRun(work.path(), largest, err) : null;
            for (int k = 0; k < sizes.size(); k++) {
                int size = sizes.get(k);
                Path trace = prefix(longRun, size, work.path().resolve("prefix-" + size + ".ndjson"));
                long started = System.nanoTime();
                Verdict v = validator.get().validate(trace);
                double seconds = (System.nanoTime() - started) / 1e9;
                timeOf[k] = seconds;
                allAccepted &= v.accepted();
                singles.add(new SingleJson(v.events(), v.accepted(), seconds));
                err.printf("bench-validate: %,d events in %.2f s = %,.0f events/s%s%n", v.events(), seconds,
                        v.events() / seconds, v.accepted() ? "" : " (REJECTED: " + v.reason() + ")");
                err.flush();
            }
            for (int k = 1; k < sizes.size(); k++) {
                ratios.put("timeRatio_" + sizes.get(k) + "_over_" + sizes.get(k - 1),
                        round(timeOf[k] / timeOf[k - 1]));
            }
            if (runs > 0) {
                hunt = hunt(work.path(), err);
                allAccepted &= hunt.rejected() == 0;
            }
        }
        BenchJson result = new BenchJson(loadBefore, Runtime.getRuntime().availableProcessors(), singles, ratios, hunt,
                loadAverage());
        out.println(json ? JsonOutput.line(result) : JsonOutput.pretty(result));
        out.flush();
        return allAccepted ? Main.OK : Main.FOUND_PROBLEM;
    }

    private static SimOptions benchOptions(long seed) {
        return SimOptions.defaults(seed).withNodes(5).withVoters(3)
                .withFaults(Fault.parseList("drop,duplicate,reorder,crash,membership")).withMembershipRate(0.02);
    }

    /** A run with at least {@code events} events (steps doubled until it has them). */
    private Path longRun(Path work, int events, PrintWriter err) throws IOException {
        Path trace = work.resolve("long.ndjson");
        for (int steps = Math.max(100, events / 4); ; steps = Math.min(2 * steps, SimOptions.MAX_STEPS)) {
            long got = Simulator.run(benchOptions(seed).withSteps(steps).withTrace(trace)).events();
            if (got >= events) {
                err.printf("bench-validate: simulated %,d events in %,d ticks%n", got, steps);
                return trace;
            }
            if (steps == SimOptions.MAX_STEPS) {
                throw new IllegalStateException("could not simulate " + events + " events in " + steps + " ticks");
            }
        }
    }

    /** The first {@code events} events of {@code trace}. */
    static Path prefix(Path trace, int events, Path to) throws IOException {
        Trace whole = new TraceReader().readAll(trace);
        try (TraceWriter writer = TraceWriter.open(to)) {
            writer.writeHeader(whole.header());
            for (int k = 0; k < events && k < whole.events().size(); k++) {
                writer.write(whole.events().get(k));
            }
        }
        return to;
    }

    private HuntJson hunt(Path work, PrintWriter err) throws Exception {
        SimOptions sim = SimOptions.defaults(seed).withNodes(5).withVoters(3).withSteps(runSteps).withFaults(Fault.all())
                .withMembershipRate(0.05);
        Hunt.Report r = new Hunt(validator.get()).run(new Hunt.Options(sim, runs, jobs.count(), work.resolve("failures"),
                        false, 0),
                (done, rejected, unsafe, stuck) -> {
                    err.print("\rbench-validate: hunt " + HuntCommand.bar(done, runs) + " " + done + "/" + runs);
                    err.flush();
                });
        err.println();
        return new HuntJson(r.runs(), jobs.count(), runSteps, r.events(), r.minEvents(), r.rejected(), round(r.seconds()),
                Math.round(r.runsPerMinute()));
    }

    /** 1 to {@link #MAX} events: TLC takes minutes on a trace of a million events. */
    static final class TraceSize extends Range.WholeNumber {
        static final int MAX = 1_000_000;

        TraceSize() {
            super(new Range(1, MAX));
        }
    }

    /**
     * The printed object. The time ratios of consecutive sizes ({@code timeRatio_B_over_A}) are fields of their own;
     * {@code hunt} is left out when no hunt ran.
     */
    @JsonPropertyOrder({"loadBefore", "cores", "singleTraces"})
    record BenchJson(String loadBefore, int cores, List<SingleJson> singleTraces,
            @JsonAnyGetter Map<String, Double> timeRatios, @JsonInclude(JsonInclude.Include.NON_NULL) HuntJson hunt,
            String loadAfter) {
    }

    /** One single-trace validation. */
    record SingleJson(int events, boolean accepted, double seconds, long eventsPerSecond) {
        SingleJson(int events, boolean accepted, double seconds) {
            this(events, accepted, round(seconds), Math.round(events / seconds));
        }
    }

    /** The timed hunt. */
    record HuntJson(int runs, int jobs, int stepsPerRun, long events, long minEventsPerRun, int rejected,
            double seconds, long runsPerMinute) {
    }

    private static double round(double x) {
        return Math.round(x * 100) / 100.0;
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

}
