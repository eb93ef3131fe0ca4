package org.jointraft.conformance.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.tlc.ModelCheck;
import org.jointraft.conformance.tlc.SpecSource;
import org.jointraft.conformance.tlc.TlcErrorKind;
import org.jointraft.conformance.tlc.TlcDriver;
import org.jointraft.conformance.tlc.TlcResult;
import org.jointraft.conformance.tlc.TlcState;
import org.jointraft.conformance.tlc.TlcStats;
import org.jointraft.conformance.tlc.TraceFormatter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jointraft model-check}: runs TLC on one model (a cfg file of MCJointRaft or MCJointRaftCalls) or a group of
 * them, witnesses included ({@link ModelCheck}).
 */
@Command(name = "model-check", mixinStandardHelpOptions = true,
        description = {"Model-checks the JointRaft spec with TLC: the server model (MCJointRaft) and the model of "
                + "membership calls (MCJointRaftCalls). A cfg's '\\* witness: NAME' lines name states TLC must reach.",
                "Exit code 0: no invariant violated and every witness found; 1: violation, deadlock or a witness not "
                + "reached; 2: bad input or TLC error."})
public final class ModelCheckCommand implements Callable<Integer> {
    /** The project's modules, each with the prefix its config names get. */
    static final Map<String, String> PROJECT_MODULES;
    /** The project's groups of configs; the default, gate, is what the CI gate checks. */
    static final Map<String, List<String>> PROJECT_GROUPS;

    static {
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("MCJointRaft", "");
        modules.put("MCJointRaftCalls", "calls_");
        modules.put("MCJointRaftLive", "live_");
        PROJECT_MODULES = Collections.unmodifiableMap(modules);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("calls", List.of("calls_unguarded", "calls_guarded"));
        groups.put("ci", List.of("faq", "three", "net", "calls_unguarded", "calls_guarded"));
        PROJECT_GROUPS = Collections.unmodifiableMap(groups);
    }

    @Option(names = "--config", defaultValue = "ci", paramLabel = "NAME",
            description = {"the model: NAME selects MCJointRaft_NAME.cfg (ci: the server model of the CI gate, deep: "
                    + "bigger bounds), calls_NAME selects MCJointRaftCalls_NAME.cfg (calls_unguarded: the seed's two "
                    + "change_membership calls and its witness, calls_guarded: the same calls guarded); the groups "
                    + "calls (both calls models) and gate (ci and calls) run several. Default: ${DEFAULT-VALUE}"})
    String config;

    @Option(names = "--workers", paramLabel = "N", converter = Range.Positive.class,
            description = "TLC worker threads, at least 1. Default: the number of cores")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "print one JSON object per model on stdout (one line each) "
            + "instead of the readable summary")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final SpecSource source;
    private final Map<String, String> modules;
    private final Map<String, List<String>> groups;
    private final Supplier<TlcDriver> driver;

    public ModelCheckCommand() {
        this(SpecSource.projectSpec(), PROJECT_MODULES, PROJECT_GROUPS, TlcDriver::local);
    }

    /** A command over another spec with one module and no groups (tests use a toy one). */
    ModelCheckCommand(SpecSource source, String module, Supplier<TlcDriver> driver) {
        this(source, Map.of(module, ""), Map.of(), driver);
    }

    /** A command over {@code modules} (module to config-name prefix, in listing order) and {@code groups}. */
    ModelCheckCommand(SpecSource source, Map<String, String> modules, Map<String, List<String>> groups,
                      Supplier<TlcDriver> driver) {
        this.source = source;
        this.modules = modules;
        this.groups = groups;
        this.driver = driver;
    }

    /** One model: its config name, module and cfg file. */
    record Model(String name, String module, String cfgFile) { }

    /** Every model of the spec files: module by module, each module's configs sorted by name. */
    List<Model> models() {
        List<Model> all = new ArrayList<>();
        modules.forEach((module, namePrefix) -> {
            String prefix = module + "_";
            source.fileNames().stream()
                    .filter(n -> n.startsWith(prefix) && n.endsWith(".cfg") && !n.contains("/"))
                    .sorted()
                    .forEach(n -> all.add(new Model(namePrefix + n.substring(prefix.length(), n.length() - ".cfg".length()),
                            module, n)));
        });
        return all;
    }

    /** The config names, in listing order. */
    List<String> configs() {
        return models().stream().map(Model::name).toList();
    }

    @Override
    public Integer call() {
        Map<String, Model> byName = new LinkedHashMap<>();
        models().forEach(m -> byName.put(m.name(), m));
        List<String> names = groups.getOrDefault(config, List.of(config));
        List<String> unknown = names.stream().filter(n -> !byName.containsKey(n)).toList();
        if (!unknown.isEmpty()) {
            String what = groups.containsKey(config) ? "group '" + config + "' names unknown configs " + unknown + "; "
                    : "unknown --config '" + config + "'; ";
            throw new CommandLine.ParameterException(spec.commandLine(), what
                    + (byName.isEmpty() ? "no <module>_<NAME>.cfg files of " + String.join(", ", modules.keySet())
                    + " were found in " + source
                    : "the configs are: " + String.join(", ", byName.keySet())
                    + (groups.isEmpty() ? "" : "; the groups are: " + String.join(", ", groups.keySet()))));
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = Main.OK;
        List<String> verdicts = new ArrayList<>();
        for (String name : names) {
            Model model = byName.get(name);
            err.printf("model-check: TLC on %s with %s, %d worker(s)%n", model.module(), model.cfgFile(), workers);
            err.flush();
            ModelCheck.Report report = ModelCheck.run(driver.get(), source, model.module(), model.cfgFile(),
                    run -> run.workers(workers).listener(new ProgressPrinter(err, "model-check " + name)));
            Outcome outcome = Outcome.of(report);
            if (json) {
                out.println(JsonOutput.line(ModelCheckJson.of(report, name)));
            } else {
                if (names.size() > 1) {
                    out.printf("%s== %s ==%n", verdicts.isEmpty() ? "" : String.format("%n"), name);
                }
                printSummary(report, name, out, err);
            }
            out.flush();
            verdicts.add(name + " " + outcome);
            exit = Math.max(exit, outcome.exitCode);
        }
        if (!json && names.size() > 1) {
            out.printf("%n%s: %s%n", config, String.join(", ", verdicts));
            out.flush();
        }
        return exit;
    }

    /** What a model check found, with its exit code (written in lower case). */
    enum Outcome {
        OK(Main.OK), VIOLATION(Main.FOUND_PROBLEM), DEADLOCK(Main.FOUND_PROBLEM), WITNESS_MISSING(Main.FOUND_PROBLEM),
        ERROR(Main.BAD_INPUT);

        final int exitCode;

        Outcome(int exitCode) {
            this.exitCode = exitCode;
        }

        static Outcome of(ModelCheck.Report report) {
            Outcome verdict = of(report.result());
            return verdict == OK && !report.missingWitnesses().isEmpty() ? WITNESS_MISSING : verdict;
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

    private static void printSummary(ModelCheck.Report report, String name, PrintWriter out, PrintWriter err) {
        TlcResult result = report.result();
        TlcStats s = result.stats();
        out.printf("result:    %s%n", Outcome.of(report));
        out.printf("config:    %s (%s)%n", name, report.cfg());
        out.printf("states:    %,d generated, %,d distinct%n", s.statesGenerated(), s.distinctStates());
        out.printf("depth:     %d%n", s.depth());
        out.printf("seconds:   %.1f%n", s.seconds());
        for (ModelCheck.Witness w : report.witnesses()) {
            TlcStats ws = w.result().stats();
            if (w.found()) {
                out.printf("witness:   %s found at depth %d (%,d distinct states searched, %.1f s)%n",
                        w.invariant(), w.trace().size(), ws.distinctStates(), ws.seconds());
            } else if (w.result() instanceof TlcResult.Ok) {
                out.printf("witness:   %s NOT reached: the whole state space (%,d distinct states) never violates it%n",
                        w.invariant(), ws.distinctStates());
            } else {
                out.printf("witness:   %s not decided: its run ended first with the result above%n", w.invariant());
            }
        }
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
        for (ModelCheck.Witness w : report.witnesses()) {
            if (w.found()) {
                out.printf("%nwitness %s (%d states, only changed variables shown):%n%s", w.invariant(), w.trace().size(),
                        TraceFormatter.format(w.trace()));
            }
        }
        if (!trace.isEmpty()) {
            out.printf("%ntrace (%d states, only changed variables shown):%n%s", trace.size(), TraceFormatter.format(trace));
        }
    }

    /**
     * The {@code --json} object of one model; {@code error} and {@code message} only when TLC failed,
     * {@code witnesses} only when the cfg has any.
     */
    record ModelCheckJson(Outcome result, String config, long states, long distinct, long depth, double seconds,
            String invariant, @JsonInclude(JsonInclude.Include.NON_NULL) TlcErrorKind error,
            @JsonInclude(JsonInclude.Include.NON_NULL) String message, List<StateJson> trace,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) List<WitnessJson> witnesses) {
        static ModelCheckJson of(TlcResult result, String config) {
            return of(new ModelCheck.Report(config, List.of(), result), config);
        }

        static ModelCheckJson of(ModelCheck.Report report, String config) {
            TlcResult result = report.result();
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
            return new ModelCheckJson(Outcome.of(report), config, s.statesGenerated(), s.distinctStates(), s.depth(),
                    tenths(s.seconds()), invariant, e == null ? null : e.kind(),
                    e == null ? null : e.message(), trace.stream().map(StateJson::of).toList(),
                    report.witnesses().stream().map(WitnessJson::of).toList());
        }
    }

    /** One witness: found or not, the size of its run, and the behaviour reaching it. */
    record WitnessJson(String invariant, boolean found, int depth, long distinct, double seconds, List<StateJson> trace) {
        static WitnessJson of(ModelCheck.Witness w) {
            TlcStats s = w.result().stats();
            return new WitnessJson(w.invariant(), w.found(), w.trace().size(), s.distinctStates(), tenths(s.seconds()),
                    w.trace().stream().map(StateJson::of).toList());
        }
    }

    private static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    /** One state of a counterexample. */
    record StateJson(int number, String action, Map<String, String> variables) {
        static StateJson of(TlcState state) {
            return new StateJson(state.number(), state.action(), state.variables());
        }
    }
}
