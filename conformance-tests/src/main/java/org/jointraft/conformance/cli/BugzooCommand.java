package org.jointraft.conformance.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jointraft.conformance.bugzoo.Bug;
import org.jointraft.conformance.bugzoo.BugCatalogue;
import org.jointraft.conformance.bugzoo.BugResult;
import org.jointraft.conformance.bugzoo.BugRunner;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.report.JsonOutput;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jointraft bugzoo}: hunts each deliberately broken impl of the zoo and reports which ones the gate catches. */
@Command(name = "bugzoo", mixinStandardHelpOptions = true,
        description = {"Patches impl with each bug of the zoo (bugzoo/*.bug), compiles it, and runs random simulations "
                + "judged by TLC against it until a trace is rejected, for at most --runs-per-bug runs. Prints one "
                + "row per bug: caught or not, runs until caught, seconds, and the first line of the diagnosis.",
                "Exit code 0: every bug was caught, or is marked as one safety checking cannot catch; 1: some other "
                        + "bug escaped; 2: bad input (unknown bug, a bug that no longer fits impl)."})
public final class BugzooCommand implements Callable<Integer> {
    /** The table cuts reasons (TLC values can be long); --json has them whole. */
    private static final int REASON_WIDTH = 150;

    @Option(names = "--runs-per-bug", defaultValue = "200", paramLabel = "N", converter = Range.Positive.class,
            description = "runs to try per bug before it counts as not caught, at least 1. Default: ${DEFAULT-VALUE}")
    int runsPerBug;

    @Option(names = "--bug", paramLabel = "NAME", description = "run only this bug (repeatable)")
    List<String> bugs = new ArrayList<>();

    @Option(names = "--list", description = "list the bugs and the rules they break, run nothing")
    boolean list;

    @Option(names = "--json", description = "print one JSON object: {bugs: [{name, caught, runs, seconds, reason, "
            + "judge, seed, options}], caught, total}")
    boolean json;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS", converter = Range.Positive.class,
            description = "give up on one bug after this long, at least 1. Default: ${DEFAULT-VALUE}")
    int timeoutSeconds;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BugCatalogue catalogue = BugCatalogue.load();
        List<Bug> chosen;
        try {
            chosen = bugs.isEmpty() ? catalogue.all() : catalogue.select(bugs);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bug: " + e.getMessage());
        }
        if (list) {
            for (Bug b : chosen) {
                out.printf("%-36s %s%n%-36s   breaks: %s%s%n", b.name(), b.description(), "", b.breaks(),
                        b.escapes() == null ? "" : "\n" + " ".repeat(39) + "escapes: " + b.escapes());
            }
            out.flush();
            return Main.OK;
        }
        BugRunner runner = new BugRunner(catalogue.implSources(), Duration.ofSeconds(timeoutSeconds));
        List<BugResult> results = new ArrayList<>();
        boolean unexpectedEscape = false;
        if (!json) {
            out.printf("%-36s %-6s %5s %8s  %s%n", "bug", "caught", "runs", "seconds", "reason");
            out.flush();
        }
        for (Bug b : chosen) {
            err.println("bugzoo: " + b.name() + " ...");
            err.flush();
            BugResult r = runner.run(b, runsPerBug);
            results.add(r);
            unexpectedEscape |= !r.caught() && b.escapes() == null;
            if (!json) {
                String reason = r.caught() ? r.reason() : (b.escapes() == null ? "NOT CAUGHT" : "expected: " + b.escapes());
                out.printf("%-36s %-6s %5d %8.1f  %s%n", r.name(), r.caught() ? "yes" : "no", r.runs(), r.seconds(),
                        reason.length() <= REASON_WIDTH ? reason : reason.substring(0, REASON_WIDTH - 3) + "...");
                out.flush();
            }
        }
        long caught = results.stream().filter(BugResult::caught).count();
        if (json) {
            out.println(JsonOutput.pretty(new BugzooJson(results, caught, results.size())));
        } else {
            out.printf("caught %d of %d bugs (%.0f %%)%n", caught, results.size(),
                    results.isEmpty() ? 0.0 : 100.0 * caught / results.size());
        }
        out.flush();
        return unexpectedEscape ? Main.FOUND_PROBLEM : Main.OK;
    }

    /** The {@code --json} object. */
    record BugzooJson(List<BugResult> bugs, long caught, int total) {
    }
}
