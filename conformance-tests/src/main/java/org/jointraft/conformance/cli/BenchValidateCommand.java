package org.jointraft.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.Simulator;
import org.jointraft.conformance.validate.Hunt;
import org.jointraft.conformance.validate.TraceValidator;
import org.jointraft.conformance.validate.Verdict;
import org.jointraft.trace.Trace;
import org.jointraft.trace.TraceReader;
import org.jointraft.trace.TraceWriter;
import org.jointraft.conformance.tlc.TempFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;
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
            description = "single-trace sizes in events. Default: ${DEFAULT-VALUE}")
    List<Integer> sizes;

    @Option(names = "--runs", defaultValue = "1000", paramLabel = "N", description = "hunt runs to time (0: skip). Default: ${DEFAULT-VALUE}")
    int runs;

    @Option(names = "--run-steps", defaultValue = "250", paramLabel = "K", description = "ticks per hunt run. Default: ${DEFAULT-VALUE}")
    int runSteps;

    @Option(names = "--jobs", paramLabel = "J", description = "parallel TLC runs for the hunt. Default: the number of cores, at most 4")
    Integer jobs;

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
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("loadBefore", loadAverage());
        root.put("cores", Runtime.getRuntime().availableProcessors());
        Path work = Files.createTempDirectory("jointraft-bench-");
        boolean allAccepted = true;
        try {
            ArrayNode singles = root.putArray("singleTraces");
            int largest = sizes.stream().mapToInt(Integer::intValue).max().orElse(0);
            Path longRun = largest > 0 ? longRun(work, largest, err) : null;
            double[] timeOf = new double[sizes.size()];
            for (int k = 0; k < sizes.size(); k++) {
                int size = sizes.get(k);
                Path trace = prefix(longRun, size, work.resolve("prefix-" + size + ".ndjson"));
                long started = System.nanoTime();
                Verdict v = validator.get().validate(trace);
                double seconds = (System.nanoTime() - started) / 1e9;
                timeOf[k] = seconds;
                allAccepted &= v.accepted();
                ObjectNode n = singles.addObject();
                n.put("events", v.events());
                n.put("accepted", v.accepted());
                n.put("seconds", round(seconds));
                n.put("eventsPerSecond", Math.round(v.events() / seconds));
                err.printf("bench-validate: %,d events in %.2f s = %,.0f events/s%s%n", v.events(), seconds,
                        v.events() / seconds, v.accepted() ? "" : " (REJECTED: " + v.reason() + ")");
                err.flush();
            }
            for (int k = 1; k < sizes.size(); k++) {
                root.put("timeRatio_" + sizes.get(k) + "_over_" + sizes.get(k - 1), round(timeOf[k] / timeOf[k - 1]));
            }
            if (runs > 0) {
                allAccepted &= hunt(root, work, err);
            }
        } finally {
            TempFiles.deleteTree(work);
        }
        root.put("loadAfter", loadAverage());
        if (json) {
            out.println(root);
        } else {
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        }
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
        for (int steps = Math.max(100, events / 4); ; steps *= 2) {
            long got = Simulator.run(benchOptions(seed).withSteps(steps).withTrace(trace)).events();
            if (got >= events) {
                err.printf("bench-validate: simulated %,d events in %,d ticks%n", got, steps);
                return trace;
            }
            if (steps > 50_000_000 / 4) {
                throw new IllegalStateException("could not simulate " + events + " events");
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

    private boolean hunt(ObjectNode root, Path work, PrintWriter err) throws Exception {
        int j = jobs != null ? jobs : Math.min(4, Runtime.getRuntime().availableProcessors());
        SimOptions sim = SimOptions.defaults(seed).withNodes(5).withVoters(3).withSteps(runSteps).withFaults(Fault.all())
                .withMembershipRate(0.05);
        Hunt.Report r = new Hunt(validator.get()).run(new Hunt.Options(sim, runs, j, work.resolve("failures"), false, 0),
                (done, rejected, unsafe) -> {
                    err.print("\rbench-validate: hunt " + HuntCommand.bar(done, runs) + " " + done + "/" + runs);
                    err.flush();
                });
        err.println();
        ObjectNode h = root.putObject("hunt");
        h.put("runs", r.runs());
        h.put("jobs", j);
        h.put("stepsPerRun", runSteps);
        h.put("events", r.events());
        h.put("minEventsPerRun", r.minEvents());
        h.put("rejected", r.rejected());
        h.put("seconds", round(r.seconds()));
        h.put("runsPerMinute", Math.round(r.runsPerMinute()));
        return r.rejected() == 0;
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
