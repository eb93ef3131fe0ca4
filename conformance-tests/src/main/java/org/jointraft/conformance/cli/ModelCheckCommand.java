package org.jointraft.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.tlc.SpecSource;
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

    @Option(names = "--workers", paramLabel = "N", description = "TLC worker threads. Default: the number of cores")
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
        if (workers < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String cfgFile = module + "_" + config + ".cfg";
        err.printf("model-check: TLC on %s with %s, %d worker(s)%n", module, cfgFile, workers);
        err.flush();
        TlcResult result = driver.get().run(TlcRun.of(module).spec(source).cfg(cfgFile).workers(workers)
                .listener(new ProgressPrinter(err, "model-check " + config)).build());
        if (json) {
            out.println(toJson(result));
        } else {
            printSummary(result, cfgFile, out, err);
        }
        out.flush();
        return exitCode(result);
    }

    static int exitCode(TlcResult result) {
        if (result instanceof TlcResult.Ok) {
            return Main.OK;
        }
        return result instanceof TlcResult.Error ? Main.BAD_INPUT : Main.FOUND_PROBLEM;
    }

    static String resultName(TlcResult result) {
        if (result instanceof TlcResult.Ok) {
            return "ok";
        } else if (result instanceof TlcResult.InvariantViolated) {
            return "violation";
        } else if (result instanceof TlcResult.Deadlock) {
            return "deadlock";
        }
        return "error";
    }

    private void printSummary(TlcResult result, String cfgFile, PrintWriter out, PrintWriter err) {
        TlcStats s = result.stats();
        out.printf("result:    %s%n", resultName(result));
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

    private String toJson(TlcResult result) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        TlcStats s = result.stats();
        root.put("result", resultName(result));
        root.put("config", config);
        root.put("states", s.statesGenerated());
        root.put("distinct", s.distinctStates());
        root.put("depth", s.depth());
        root.put("seconds", Math.round(s.seconds() * 10) / 10.0);
        List<TlcState> trace = List.of();
        if (result instanceof TlcResult.InvariantViolated v) {
            root.put("invariant", v.invariant());
            trace = v.trace();
        } else {
            root.putNull("invariant");
        }
        if (result instanceof TlcResult.Deadlock d) {
            trace = d.trace();
        }
        if (result instanceof TlcResult.Error e) {
            root.put("error", e.kind().name());
            root.put("message", e.message());
            trace = e.trace();
        }
        ArrayNode states = root.putArray("trace");
        for (TlcState state : trace) {
            ObjectNode node = states.addObject();
            node.put("number", state.number());
            node.put("action", state.action());
            ObjectNode vars = node.putObject("variables");
            state.variables().forEach(vars::put);
        }
        return root.toString();
    }
}
