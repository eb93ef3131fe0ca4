package org.jointraft.conformance.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.report.RunJson;
import org.jointraft.conformance.report.TimelineRenderer;
import org.jointraft.conformance.scenario.Catalogue;
import org.jointraft.conformance.scenario.Scenario;
import org.jointraft.conformance.scenario.ScenarioResult;
import org.jointraft.conformance.scenario.ScenarioRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jointraft scenario NAME}: runs one scripted scenario of the catalogue, writes its trace, checks it. */
@Command(name = "scenario", mixinStandardHelpOptions = true,
        description = {"Runs a scripted scenario on a simulated cluster, writes its trace to DIR/NAME.ndjson and prints "
                + "the membership timeline and the scenario's checks.",
                "Exit code 0: every check passed; 1: a check failed, the script got stuck or safety was violated; "
                        + "2: bad input."})
public final class ScenarioCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "the scenario (see --list)")
    String name;

    @Option(names = "--list", description = "list the scenarios and exit")
    boolean list;

    @Mixin
    TraceDirectory out;

    @Option(names = "--json", description = "print one JSON object instead of the timeline")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        if (list) {
            for (Scenario s : Catalogue.all()) {
                stdout.printf("%-30s %s%n", s.name(), s.description());
            }
            stdout.flush();
            return Main.OK;
        }
        if (name == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "a scenario NAME is required; the scenarios "
                    + "are: " + String.join(", ", Catalogue.names()));
        }
        Scenario s = Catalogue.byName(name).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "unknown scenario '" + name + "'; the scenarios are: " + String.join(", ", Catalogue.names())));
        Path dir = out.prepare();
        ScenarioResult r = ScenarioRunner.run(s, dir.resolve(s.name() + ".ndjson"));
        if (json) {
            stdout.println(JsonOutput.line(ScenarioJson.of(r)));
        } else {
            stdout.print(text(r));
        }
        stdout.flush();
        return r.passed() ? Main.OK : Main.FOUND_PROBLEM;
    }

    /** The {@code --json} object: the run with its call names, whether it passed, and each check. */
    record ScenarioJson(@JsonUnwrapped RunJson run, boolean passed, String scriptError, List<CheckJson> checks) {
        static ScenarioJson of(ScenarioResult r) {
            Map<Long, String> names = new HashMap<>();
            r.outcome().calls().forEach((name, call) -> names.put(call.id(), name));
            return new ScenarioJson(RunJson.of(r.outcome().run(), r.scenario().seedValue(), names), r.passed(),
                    r.outcome().scriptError(), r.checks().stream().map(CheckJson::of).toList());
        }
    }

    /** One check; {@code detail} only when it failed. */
    record CheckJson(String check, boolean passed, @JsonInclude(JsonInclude.Include.NON_NULL) String detail) {
        static CheckJson of(ScenarioResult.CheckResult c) {
            return new CheckJson(c.description(), c.passed(), c.passed() ? null : c.detail());
        }
    }

    static String text(ScenarioResult r) {
        StringBuilder sb = new StringBuilder();
        var run = r.outcome().run();
        sb.append("scenario ").append(r.scenario().name()).append(": ").append(r.scenario().description()).append('\n');
        sb.append("trace ").append(run.trace()).append(" (").append(run.events()).append(" events, ")
                .append(run.ticks()).append(" ticks)\n\n");
        sb.append(TimelineRenderer.render(run)).append('\n');
        if (run.violation() != null) {
            sb.append("SAFETY: ").append(run.violation().describe()).append('\n');
        }
        if (r.outcome().scriptError() != null) {
            sb.append("SCRIPT STOPPED: ").append(r.outcome().scriptError()).append('\n');
        }
        sb.append("checks:\n");
        for (ScenarioResult.CheckResult c : r.checks()) {
            sb.append(c.passed() ? "  ok    " : "  FAIL  ").append(c.description());
            if (!c.passed() && !c.detail().isEmpty()) {
                sb.append(": ").append(c.detail());
            }
            sb.append('\n');
        }
        sb.append(r.passed() ? "PASSED\n" : "FAILED\n");
        return sb.toString();
    }
}
