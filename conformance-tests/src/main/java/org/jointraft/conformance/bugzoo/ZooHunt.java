package org.jointraft.conformance.bugzoo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.Shape;
import org.jointraft.conformance.sim.SimFlags;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.SimResult;
import org.jointraft.conformance.sim.Simulator;
import org.jointraft.conformance.validate.TraceValidator;
import org.jointraft.conformance.validate.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The hunt of the zoo, run in a JVM whose classpath starts with a patched impl: random simulator runs with every
 * fault, their traces judged by TLC in growing batches (1, 4, 16, ... runs: a bug caught at once costs one short TLC
 * run, a rare one shares the TLC start-up among many traces), stopping at the first caught run, no shrinking.
 * A run that the simulator's own safety check stops is still given to TLC, which judges it when it can.
 *
 * <p>Usage: {@code ZooHunt --runs N --out DIR}; prints one {@link HuntOutcome} as a JSON line on stdout.
 */
public final class ZooHunt {
    private static final int MAX_BATCH = 128;

    private final TraceValidator validator;
    private final Path out;
    private final Shape shape;

    /** @param shape the workload of every run, or null for the zoo's three alternating shapes ({@link #options}) */
    ZooHunt(TraceValidator validator, Path out, Shape shape) {
        this.validator = validator;
        this.out = out;
        this.shape = shape;
    }

    /** The worker's command line. */
    @Command(name = "ZooHunt")
    static final class Args {
        @Option(names = "--runs", required = true, paramLabel = "N", description = "runs at the most")
        int runs;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where the traces go")
        Path out;

        @Option(names = "--shape", paramLabel = "NAME", converter = SimFlags.ShapeName.class,
                description = "every run's workload (a simulate --shape name); default: the zoo's three shapes")
        Shape shape;
    }

    public static void main(String[] args) throws IOException {
        Args a = new Args();
        new CommandLine(a).parseArgs(args);
        if (a.runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1, got " + a.runs);
        }
        Files.createDirectories(a.out);
        HuntOutcome outcome = new ZooHunt(TraceValidator.local(), a.out, a.shape).hunt(a.runs);
        System.out.println(new ObjectMapper().writeValueAsString(outcome));
        System.out.flush();
        System.exit(0); // TLC's classes may leave non-daemon threads
    }

    /**
     * The simulator options of run {@code k} (1-based): three alternating shapes, so that one hunt covers a small
     * cluster with every fault, extra nodes that join and leave, and five voters with many writes (followers far
     * behind, small AppendEntries batches so that log repair takes many round trips).
     */
    static SimOptions options(int k) {
        SimOptions base = SimOptions.defaults(k).withFaults(Fault.all());
        return switch (k % 3) {
            case 1 -> base.withSteps(300);
            case 2 -> base.withNodes(5).withVoters(3).withSteps(400).withMembershipRate(0.05);
            default -> base.withNodes(5).withVoters(5).withSteps(400).withWriteRate(0.6).withNodeFaultRate(0.01)
                    .withMembershipRate(0.03).withMaxBatch(3);
        };
    }

    private SimOptions runOptions(int k) {
        return shape == null ? options(k) : shape.options(k);
    }

    HuntOutcome hunt(int runs) throws IOException {
        long events = 0;
        int done = 0;
        int batch = 1;
        while (done < runs) {
            int size = Math.min(batch, runs - done);
            List<SimResult> results = new ArrayList<>();
            List<Path> traces = new ArrayList<>();
            for (int k = done + 1; k <= done + size; k++) {
                Path trace = out.resolve("run-" + k + ".ndjson");
                SimResult r;
                try {
                    r = Simulator.run(runOptions(k).withTrace(trace));
                } catch (RuntimeException e) {
                    return new HuntOutcome(true, k, HuntOutcome.Judge.SIMULATOR, "caught by the simulator, which failed on this impl: "
                            + e, k, runOptions(k).format(), events);
                }
                results.add(r);
                traces.add(trace);
                events += r.events();
            }
            List<Verdict> verdicts = validator.validate(traces);
            for (int j = 0; j < size; j++) {
                SimResult r = results.get(j);
                Verdict v = verdicts.get(j);
                int run = done + j + 1;
                if (!v.accepted()) {
                    return new HuntOutcome(true, run, HuntOutcome.Judge.TLC, "TLC rejects event " + v.rejectedAt() + ": "
                            + v.reason(), r.options().seed(), r.options().format(), events);
                }
                if (!r.safe()) {
                    return new HuntOutcome(true, run, HuntOutcome.Judge.SIMULATOR, "caught by simulator safety check: "
                            + r.violation().describe(), r.options().seed(), r.options().format(), events);
                }
                if (r.livenessFailed()) {
                    return new HuntOutcome(true, run, HuntOutcome.Judge.LIVENESS, "caught by the liveness phase: "
                            + r.liveness().violation().describe(), r.options().seed(), r.options().format(), events);
                }
            }
            for (Path t : traces) {
                Files.deleteIfExists(t);
            }
            done += size;
            batch = Math.min(batch * 4, MAX_BATCH);
        }
        return new HuntOutcome(false, done, null, "", 0, "", events);
    }
}
