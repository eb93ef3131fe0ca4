package org.jointraft.conformance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.io.ScratchFolder;
import org.jointraft.conformance.report.JsonOutput;
import org.jointraft.conformance.report.ReportContent;
import org.jointraft.conformance.validate.TraceCheck;
import org.jointraft.conformance.validate.TraceCheck.Problem;
import org.jointraft.conformance.validate.TraceCheck.Status;
import org.jointraft.conformance.validate.TraceValidator;
import org.jointraft.conformance.validate.Verdict;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jointraft check TRACE...}: asks TLC whether each trace is a behaviour of the JointRaft spec. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Validates traces against the JointRaft spec with TLC (spec/TraceJointRaft.tla).",
                "Each trace gets its own result: accepted, rejected (with the diagnosis) or error (a missing file, "
                        + "a malformed trace: the message names the line and field).",
                "Exit code 0: every trace accepted; 1: some trace rejected and none in error; 2: some trace in "
                        + "error, or TLC failed."})
public final class CheckCommand implements Callable<Integer> {
    /** The argument that stands for standard input, and the name its result is shown under. */
    static final String STDIN = "-";
    static final String STDIN_NAME = "<stdin>";

    @Parameters(arity = "1..*", paramLabel = "TRACE",
            description = "NDJSON trace files (docs/trace-format.md); '-' reads one from standard input")
    List<Path> traces;

    @Option(names = "--json", description = "print {\"results\": [...]} on stdout instead of the readable report")
    boolean json;

    @Option(names = "--no-contract-checks",
            description = "skip the checks of this impl's own choices where the spec allows several (largest commit index,"
                    + " requests only to members; docs/protocol-contract.md): for traces of another implementation")
    boolean noContractChecks;

    @CommandLine.Mixin
    ReportFile reportFile;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Supplier<TraceValidator> validator;
    private final InputStream stdin;

    public CheckCommand() {
        this(TraceValidator::local, System.in);
    }

    /** A command with another validator and standard input (tests). */
    CheckCommand(Supplier<TraceValidator> validator, InputStream stdin) {
        this.validator = validator;
        this.stdin = stdin;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        reportFile.check();
        err.printf("check: validating %d trace(s) with TLC%n", traces.size());
        err.flush();
        List<TraceCheck> results;
        try (ScratchFolder scratch = ScratchFolder.create("jointraft-check-")) {
            results = check(scratch);
        }
        if (json) {
            // The JSON shape stays put: warnings (a schema version 1 trace) go to standard error.
            for (TraceCheck r : results) {
                r.warnings().forEach(w -> err.printf("warning: %s: %s%n", r.name(), w));
            }
            err.flush();
            out.println(JsonOutput.line(CheckJson.of(results)));
        } else {
            print(out, results);
        }
        out.flush();
        // The report shows what TLC judged; files in error are in the printed results above.
        List<Verdict> judged = results.stream().flatMap(r -> r.verdict().stream()).toList();
        if (!reportFile.write(() -> ReportContent.ofCheck(judged), err)) {
            return Main.BAD_INPUT;
        }
        return exitCode(results);
    }

    /**
     * The result of every argument, in order. TLC reopens each trace in another process, so what can be read only
     * once (standard input, a pipe) is first copied to {@code scratch}, and a regular file is handed on by its real
     * path (/dev/stdin would be the TLC process's own); the result keeps the name the user gave.
     */
    private List<TraceCheck> check(ScratchFolder scratch) throws IOException {
        TraceCheck[] results = new TraceCheck[traces.size()];
        List<Path> files = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        boolean stdinRead = false;
        for (int i = 0; i < results.length; i++) {
            Path arg = traces.get(i);
            boolean isStdin = arg.toString().equals(STDIN);
            String name = nameOf(arg);
            Path file = arg;
            try {
                if (isStdin) {
                    if (stdinRead) {
                        throw new IOException("standard input was already read for an earlier '-'");
                    }
                    stdinRead = true;
                    file = copy(stdin, scratch.resolve("input-" + i + ".ndjson"));
                } else if (Files.isDirectory(arg)) {
                    throw new IOException("is a directory, not a trace file");
                } else if (Files.isRegularFile(arg)) {
                    file = arg.toRealPath();
                } else if (Files.exists(arg)) {
                    try (InputStream in = Files.newInputStream(arg)) {
                        file = copy(in, scratch.resolve("input-" + i + ".ndjson"));
                    }
                }
            } catch (IOException e) {
                results[i] = TraceCheck.error(name, Problem.ofFile(e.getMessage()));
                continue;
            }
            files.add(file);
            slots.add(i);
        }
        TraceValidator v = noContractChecks ? validator.get().withoutContractChecks() : validator.get();
        List<TraceCheck> checked = files.isEmpty() ? List.of() : v.check(files);
        for (int k = 0; k < checked.size(); k++) {
            int slot = slots.get(k);
            results[slot] = checked.get(k).named(nameOf(traces.get(slot)));
        }
        return Arrays.asList(results);
    }

    private static String nameOf(Path arg) {
        return arg.toString().equals(STDIN) ? STDIN_NAME : arg.toString();
    }

    private static Path copy(InputStream in, Path to) throws IOException {
        try {
            Files.copy(in, to);
            return to;
        } catch (IOException e) {
            throw new IOException("cannot read: " + e.getMessage(), e);
        }
    }

    private static void print(PrintWriter out, List<TraceCheck> results) {
        for (TraceCheck r : results) {
            if (r.verdict().isPresent()) {
                Verdict v = r.verdict().get();
                out.printf("%s %s (%d events, %.2f s)%n", r.status(), r.name(), v.events(), v.seconds());
                r.warnings().forEach(w -> out.printf("  warning: %s%n", w));
                v.diagnosis().ifPresent(d -> out.print(d.render().indent(2)));
            } else {
                out.printf("%s %s: %s%n", r.status(), r.name(), r.problem().orElseThrow().message());
            }
        }
        long errors = count(results, Status.ERROR);
        out.printf("%d accepted, %d rejected, %d error%s%n", count(results, Status.ACCEPTED), count(results, Status.REJECTED),
                errors, errors == 1 ? "" : "s");
    }

    private static long count(List<TraceCheck> results, Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    static int exitCode(List<TraceCheck> results) {
        if (count(results, Status.ERROR) > 0) {
            return Main.BAD_INPUT;
        }
        return count(results, Status.REJECTED) > 0 ? Main.FOUND_PROBLEM : Main.OK;
    }

    /** The {@code --json} object: one result per argument, in order. */
    record CheckJson(List<ResultJson> results) {
        static CheckJson of(List<TraceCheck> results) {
            return new CheckJson(results.stream().map(ResultJson::of).toList());
        }
    }

    /**
     * One argument's result. A verdict fills {@code events} and {@code seconds} ({@code rejectedAt} and
     * {@code reason} when rejected), a problem fills {@code error}; the other fields are null.
     */
    record ResultJson(String trace, String status, Integer events, Integer rejectedAt, String reason, Double seconds,
            ErrorJson error) {
        static ResultJson of(TraceCheck r) {
            String status = r.status().name().toLowerCase(Locale.ROOT);
            if (r.problem().isPresent()) {
                return new ResultJson(r.name(), status, null, null, null, null, ErrorJson.of(r.problem().get()));
            }
            VerdictJson v = VerdictJson.of(r.verdict().orElseThrow());
            return new ResultJson(r.name(), status, v.events(), v.rejectedAt(), v.reason(), v.seconds(), null);
        }
    }

    /** Why a file has no verdict; {@code line} and {@code field} are null when the reader did not refuse a line. */
    record ErrorJson(String message, Long line, String field) {
        static ErrorJson of(Problem p) {
            return new ErrorJson(p.message(), p.line() == 0 ? null : p.line(), p.field());
        }
    }

    /** One verdict (hunt's failures use it too); {@code rejectedAt} and {@code reason} are null when accepted. */
    record VerdictJson(String trace, boolean accepted, int events, Integer rejectedAt, String reason, double seconds) {
        static VerdictJson of(Verdict v) {
            return new VerdictJson(v.trace().toString(), v.accepted(), v.events(), v.accepted() ? null : v.rejectedAt(),
                    v.accepted() ? null : v.reason(), Math.round(v.seconds() * 1000) / 1000.0);
        }
    }
}
