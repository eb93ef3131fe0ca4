package org.jointraft.conformance.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.report.ReportContent;
import org.jointraft.conformance.validate.BadTraceException;
import org.jointraft.conformance.validate.TraceValidator;
import org.jointraft.conformance.validate.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jointraft check TRACE...}: asks TLC whether each trace is a behaviour of the JointRaft spec. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates traces against the JointRaft spec with TLC (spec/TraceJointRaft.tla).",
                "Exit code 0: every trace accepted; 1: some trace rejected; 2: bad input (missing file, "
                        + "malformed trace) or TLC failure."})
public final class CheckCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "TRACE", description = "NDJSON trace files (docs/trace-format.md)")
    List<Path> traces;

    @Option(names = "--json", description = "print {\"results\": [...]} on stdout instead of the readable report")
    boolean json;

    @CommandLine.Mixin
    ReportFile reportFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<TraceValidator> validator;

    public CheckCommand() {
        this(TraceValidator::local);
    }

    /** A command with another validator (tests use the working tree's spec). */
    CheckCommand(Supplier<TraceValidator> validator) {
        this.validator = validator;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        reportFile.check();
        List<Verdict> verdicts;
        try {
            err.printf("check: validating %d trace(s) with TLC%n", traces.size());
            err.flush();
            verdicts = validator.get().validate(traces);
        } catch (BadTraceException e) {
            err.println("jointraft check: bad trace: " + e.getMessage());
            err.flush();
            return Main.BAD_INPUT;
        }
        if (json) {
            out.println(JsonOutput.line(new CheckJson(verdicts.stream().map(VerdictJson::of).toList())));
        } else {
            for (Verdict v : verdicts) {
                if (v.accepted()) {
                    out.printf("ACCEPTED %s (%d events, %.2f s)%n", v.trace(), v.events(), v.seconds());
                } else {
                    out.printf("REJECTED %s (%d events, %.2f s)%n", v.trace(), v.events(), v.seconds());
                    out.print(v.diagnosis().orElseThrow().render().indent(2));
                }
            }
            long rejected = verdicts.stream().filter(v -> !v.accepted()).count();
            out.printf("%d accepted, %d rejected%n", verdicts.size() - rejected, rejected);
        }
        out.flush();
        List<Verdict> judged = verdicts;
        if (!reportFile.write(() -> ReportContent.ofCheck(judged), err)) {
            return Main.BAD_INPUT;
        }
        return verdicts.stream().allMatch(Verdict::accepted) ? Main.OK : Main.FOUND_PROBLEM;
    }

    /** The {@code --json} object. */
    record CheckJson(List<VerdictJson> results) {
    }

    /** One verdict; {@code rejectedAt} and {@code reason} are null when the trace is accepted. */
    record VerdictJson(String trace, boolean accepted, int events, Integer rejectedAt, String reason, double seconds) {
        static VerdictJson of(Verdict v) {
            return new VerdictJson(v.trace().toString(), v.accepted(), v.events(), v.accepted() ? null : v.rejectedAt(),
                    v.accepted() ? null : v.reason(), Math.round(v.seconds() * 1000) / 1000.0);
        }
    }
}
