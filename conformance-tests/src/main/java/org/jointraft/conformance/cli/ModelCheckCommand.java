package org.jointraft.conformance.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.tlc.SpecSource;
import org.jointraft.conformance.tlc.TlcErrorKind;
import org.jointraft.conformance.tlc.TlcDriver;
import org.jointraft.conformance.tlc.TlcResult;
import org.jointraft.conformance.tlc.TlcRun;
import org.jointraft.conformance.tlc.TlcState;
import org.jointraft.conformance.tlc.TlcStats;
import org.jointraft.conformance.tlc.TraceFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jointraft model-check}: runs TLC on MCJointRaft with one of its cfg files. */
@Command(name = "model-check", mixinStandardHelpOptions = true,
        description = {"Model-checks the JointRaft spec with TLC.",
                "Exit code 0: no invariant violated; 1: violation or deadlock; 2: bad input or TLC error."})
public final class ModelCheckCommand implements Callable<Integer> {

    @Option(names = "--config", defaultValue = "ci", paramLabel = "NAME",
            description = "the model: NAME selects <module>_NAME.cfg (ci: the CI gate, deep: bigger bounds). Default: ${DEFAULT-VALUE}")
    String config;

    @Option(names = "--workers", paramLabel = "N", converter = Range.Positive.class,
            description = "TLC worker threads, at least 1. Default: the number of cores")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "print one JSON object on stdout instead of the readable summary")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final SpecSource source;
    private final String module;
    private final Supplier<TlcDriver> driver;

    public ModelCheckCommand() {
        this(SpecSource.projectSpec(), "MCJointRaft", TlcDriver::local);
    }

    /** A command over another spec (tests use a toy one). */
    ModelCheckCommand(SpecSource source, String module, Supplier<TlcDriver> driver) {
        this.source = source;
        this.module = module;
        this.driver = driver;
    }

    /** The names NAME of every {@code <module>_NAME.cfg} in the spec files. */
    List<String> configs() {
        String prefix = module + "_";
        return source.fileNames().stream()
                .filter(n -> n.startsWith(prefix) && n.endsWith(".cfg") && !n.contains("/"))
                .map(n -> n.substring(prefix.length(), n.length() - ".cfg".length()))
                .sorted().toList();
    }

    @Override
    public Integer call() {
        List<String> configs = configs();
        if (!configs.contains(config)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown --config '" + config + "'; "
                    + (configs.isEmpty() ? "no " + module + "_<NAME>.cfg files were found in " + source
                    : "the configs are: " + String.join(", ", configs)));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String cfgFile = module + "_" + config + ".cfg";
        err.printf("model-check: TLC on %s with %s, %d worker(s)%n", module, cfgFile, workers);
        err.flush();
        TlcResult result = driver.get().run(TlcRun.of(module).spec(source).cfg(cfgFile).workers(workers)
                .listener(new ProgressPrinter(err, "model-check " + config)).build());
        if (json) {
            out.println(JsonOutput.line(ModelCheckJson.of(result, config)));
        } else {
            printSummary(result, cfgFile, out, err);
        }
        out.flush();
        return Outcome.of(result).exitCode;
    }

    /** What a model check found, with its exit code (written in lower case). */
    enum Outcome {
        OK(Main.OK), VIOLATION(Main.FOUND_PROBLEM), DEADLOCK(Main.FOUND_PROBLEM), ERROR(Main.BAD_INPUT);

        final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        static Outcome of(TlcResult result) {
            if (result instanceof TlcResult.Ok) {
                return OK;
            } else if (result instanceof TlcResult.InvariantViolated) {
                return VIOLATION;
            } else if (result instanceof TlcResult.Deadlock) {
                return DEADLOCK;
            }
            return ERROR;
        }

        @JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private void printSummary(TlcResult result, String cfgFile, PrintWriter out, PrintWriter err) {
        TlcStats s = result.stats();
        out.printf("result:    %s%n", Outcome.of(result));
        out.printf("config:    %s (%s)%n", config, cfgFile);
        out.printf("states:    %,d generated, %,d distinct%n", s.statesGenerated(), s.distinctStates());
        out.printf("depth:     %d%n", s.depth());
        out.printf("seconds:   %.1f%n", s.seconds());
        List<TlcState> trace = List.of();
        if (result instanceof TlcResult.InvariantViolated v) {
            out.printf("invariant: %s%n", v.invariant());
            trace = v.trace();
        } else if (result instanceof TlcResult.Deadlock d) {
            trace = d.trace();
        } else if (result instanceof TlcResult.Error e) {
            err.printf("model-check: TLC %s error (exit code %d):%n%s%n", e.kind(), e.exitCode(), e.message());
            trace = e.trace();
        }
        if (!trace.isEmpty()) {
            out.printf("%ntrace (%d states, only changed variables shown):%n%s", trace.size(), TraceFormatter.format(trace));
        }
    }

    /** The {@code --json} object; {@code error} and {@code message} only when TLC failed. */
    record ModelCheckJson(Outcome result, String config, long states, long distinct, long depth, double seconds,
            String invariant, @JsonInclude(JsonInclude.Include.NON_NULL) TlcErrorKind error,
            @JsonInclude(JsonInclude.Include.NON_NULL) String message, List<StateJson> trace) {
        static ModelCheckJson of(TlcResult result, String config) {
            TlcStats s = result.stats();
            List<TlcState> trace = List.of();
            String invariant = null;
            if (result instanceof TlcResult.InvariantViolated v) {
                invariant = v.invariant();
                trace = v.trace();
            } else if (result instanceof TlcResult.Deadlock d) {
                trace = d.trace();
            }
            TlcResult.Error e = result instanceof TlcResult.Error error ? error : null;
            if (e != null) {
                trace = e.trace();
            }
            return new ModelCheckJson(Outcome.of(result), config, s.statesGenerated(), s.distinctStates(), s.depth(),
                    Math.round(s.seconds() * 10) / 10.0, invariant, e == null ? null : e.kind(),
                    e == null ? null : e.message(), trace.stream().map(StateJson::of).toList());
        }
    }

    /** One state of a counterexample. */
    record StateJson(int number, String action, Map<String, String> variables) {
        static StateJson of(TlcState state) {
            return new StateJson(state.number(), state.action(), state.variables());
        }
    }
}
