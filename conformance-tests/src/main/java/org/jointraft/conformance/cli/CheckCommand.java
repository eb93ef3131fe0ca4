package org.jointraft.conformance.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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
            out.println(toJson(verdicts));
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
        return verdicts.stream().allMatch(Verdict::accepted) ? Main.OK : Main.FOUND_PROBLEM;
    }

    static String toJson(List<Verdict> verdicts) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        ArrayNode results = root.putArray("results");
        for (Verdict v : verdicts) {
            results.add(verdictJson(mapper, v));
        }
        return root.toString();
    }

    /** {trace, accepted, events, rejectedAt, reason, seconds} (rejectedAt and reason null when accepted). */
    static ObjectNode verdictJson(ObjectMapper mapper, Verdict v) {
        ObjectNode r = mapper.createObjectNode();
        r.put("trace", v.trace().toString());
        r.put("accepted", v.accepted());
        r.put("events", v.events());
        if (v.accepted()) {
            r.putNull("rejectedAt");
            r.putNull("reason");
        } else {
            r.put("rejectedAt", v.rejectedAt());
            r.put("reason", v.reason());
        }
        r.put("seconds", Math.round(v.seconds() * 1000) / 1000.0);
        return r;
    }
}
