package org.jointraft.conformance.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jointraft.conformance.tlc.SpecSource;
import org.jointraft.conformance.tlc.TlcDriver;
import org.jointraft.conformance.tlc.TlcResult;
import org.jointraft.conformance.tlc.TlcRun;
import org.jointraft.trace.TraceCursor;
import org.jointraft.trace.TraceFormatException;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceReader;

/**
 * Asks TLC whether traces are behaviours of JointRaft (spec/TraceJointRaft.tla). Traces with the same
 * header (nodes, bootstrap) share one TLC run, in batches of at most {@link #batchEvents} events; each
 * trace the batch does not accept gets a diagnosis run of its own. A trace is accepted only on TLC's
 * explicit marker for it, in a run that ended cleanly and generated at least one state per matched event.
 */
public final class TraceValidator {
    static final String MODULE = "TraceJointRaft";
    static final String VALIDATE_CFG = "TraceJointRaft.cfg";
    static final String DIAGNOSE_CFG = "TraceJointRaft_diagnose.cfg";
    /**
     * A lone trace up to this size is validated by a diagnosis run directly (one TLC start instead of two
     * when it is rejected; that run evaluates ENABLED on every state, which costs several times an event).
     */
    static final int DIRECT_DIAGNOSIS_EVENTS = 2_000;
    /** An unmatched event TLC's count cannot place: the diagnosis run looks for it (DiagnoseAt = 0). */
    private static final long UNKNOWN = -1;

    private final TlcDriver driver;
    private final SpecSource spec;
    private final int batchEvents;
    private final List<String> jvmOptions;
    private final boolean contractChecks;

    public TraceValidator(TlcDriver driver, SpecSource spec, int batchEvents, List<String> jvmOptions) {
        this(driver, spec, batchEvents, jvmOptions, true);
    }

    private TraceValidator(TlcDriver driver, SpecSource spec, int batchEvents, List<String> jvmOptions,
            boolean contractChecks) {
        if (batchEvents < 1) {
            throw new IllegalArgumentException("batchEvents must be positive, got " + batchEvents);
        }
        this.driver = driver;
        this.spec = spec;
        this.batchEvents = batchEvents;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.contractChecks = contractChecks;
    }

    /**
     * The project's spec from the classpath, TLC in a forked local JVM, batches of up to 250,000 events
     * (the simulation keeps every state of its one behaviour: a 108,000-event 5-node replay ran out of
     * time in 300 MB of heap and finished in 700 MB).
     * The JVM compiles with C1 only: measured on 30k- and 108k-event replays, C2's compile work cost more
     * CPU than its faster code saved (2.6 s against 6.7 s user time, and 10.5 s against 13.5 s).
     */
    public static TraceValidator local() {
        return new TraceValidator(TlcDriver.local(), SpecSource.projectSpec(), 250_000,
                List.of("-Xss16m", "-Xmx2g", "-XX:TieredStopAtLevel=1", "-D" + FastLogScan.PROPERTY + "=true"));
    }

    /** The same validator reading the spec files from {@code source}. */
    public TraceValidator withSpec(SpecSource source) {
        return new TraceValidator(driver, source, batchEvents, jvmOptions, contractChecks);
    }

    /**
     * The same validator without the contract checks (docs/protocol-contract.md, "Impl choices"): for traces of
     * another implementation of the protocol, which may choose differently where the spec allows it.
     */
    public TraceValidator withoutContractChecks() {
        return new TraceValidator(driver, spec, batchEvents, jvmOptions, false);
    }

    /** A cfg of the spec with CheckContract set as this validator wants. */
    private String cfg(String name) {
        String cfg = spec.read(name);
        String set = cfg.replace("CheckContract = TRUE", "CheckContract = " + (contractChecks ? "TRUE" : "FALSE"));
        if (!contractChecks && set.equals(cfg)) {
            throw new ValidationException(name + " has no line 'CheckContract = TRUE' to turn off");
        }
        return set;
    }

    /** One verdict. */
    public Verdict validate(Path trace) throws IOException {
        return validate(List.of(trace)).get(0);
    }

    /**
     * The verdicts of {@code traces}, in the same order. Every trace is read and checked for format first:
     * a missing or malformed one raises {@link BadTraceException} (naming file, line and field) before TLC runs.
     */
    public List<Verdict> validate(List<Path> traces) throws IOException {
        Map<Path, Info> infos = new LinkedHashMap<>();
        for (Path trace : traces) {
            infos.put(key(trace), read(trace));
        }
        Map<Path, Verdict> verdicts = verdicts(infos);
        return traces.stream().map(t -> verdicts.get(key(t))).toList();
    }

    /**
     * Each file on its own, in the same order: a missing, unreadable or malformed one gets its problem (naming
     * the line and field), the others go to TLC and get their verdicts. Named by {@code trace.toString()}.
     */
    public List<TraceCheck> check(List<Path> traces) throws IOException {
        Map<Path, Info> infos = new LinkedHashMap<>();
        Map<Path, TraceCheck.Problem> problems = new HashMap<>();
        for (Path trace : traces) {
            try {
                infos.put(key(trace), read(trace));
            } catch (BadTraceException e) {
                problems.put(key(trace), e.problem());
            }
        }
        Map<Path, Verdict> verdicts = new HashMap<>();
        for (List<Path> batch : batches(infos)) {
            try {
                verdicts.putAll(runBatch(batch, infos));
            } catch (ValidationException e) {
                // TLC itself failed on this batch: its traces get that error, the other batches their verdicts.
                batch.forEach(t -> problems.put(t, TraceCheck.Problem.ofFile("TLC could not judge it: " + e.getMessage())));
            }
        }
        return traces.stream().map(t -> problems.containsKey(key(t)) ? TraceCheck.error(t.toString(), problems.get(key(t)))
                : warned(TraceCheck.of(t.toString(), verdicts.get(key(t))), infos.get(key(t)))).toList();
    }

    /**
     * What {@code check} says with the verdict of a schema version 1 trace: its proposals carry no call id, so the
     * trace spec judged it under the version 1 rules, without the client model.
     */
    public static final String V1_WARNING =
            "schema version 1: membership calls were not checked (proposals carry no call id); regenerate the trace";

    private static TraceCheck warned(TraceCheck check, Info info) {
        return info.version() < 2 ? check.warn(V1_WARNING) : check;
    }

    private static Path key(Path trace) {
        return trace.toAbsolutePath().normalize();
    }

    /** Traces with the same header share TLC runs, in batches. */
    private Map<Path, Verdict> verdicts(Map<Path, Info> infos) throws IOException {
        Map<Path, Verdict> verdicts = new HashMap<>();
        for (List<Path> batch : batches(infos)) {
            verdicts.putAll(runBatch(batch, infos));
        }
        return verdicts;
    }

    /** The TLC runs: traces grouped by header, each group cut into batches. */
    private List<List<Path>> batches(Map<Path, Info> infos) {
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        infos.forEach((p, info) -> groups.computeIfAbsent(info.headerKey(), k -> new ArrayList<>()).add(p));
        List<List<Path>> all = new ArrayList<>();
        for (List<Path> group : groups.values()) {
            all.addAll(batches(group, infos));
        }
        return all;
    }

    /** What the validator needs to know of a trace before TLC sees it. */
    record Info(String headerKey, int events, int version) {
        Info(String headerKey, int events) {
            this(headerKey, events, 2);
        }
    }

    static Info read(Path trace) {
        try (TraceCursor cursor = new TraceReader().open(trace)) {
            int events = 0;
            while (cursor.hasNext()) {
                cursor.next();
                events++;
            }
            TraceHeader h = cursor.header();
            // One TLC run reads one header: traces of different schema versions are judged in different runs.
            return new Info(h.nodes() + " " + h.bootstrap() + " v" + h.version(), events, h.version());
        } catch (TraceFormatException e) {
            throw new BadTraceException(trace, new TraceCheck.Problem(e.getMessage(), e.line(), e.field()), e);
        } catch (NoSuchFileException e) {
            throw new BadTraceException(trace, TraceCheck.Problem.ofFile("no such file"), e);
        } catch (AccessDeniedException e) {
            throw new BadTraceException(trace, TraceCheck.Problem.ofFile("cannot read: permission denied"), e);
        } catch (IOException e) {
            throw new BadTraceException(trace, TraceCheck.Problem.ofFile("cannot read: " + e.getMessage()), e);
        } catch (UncheckedIOException e) {
            throw new BadTraceException(trace, TraceCheck.Problem.ofFile("cannot read: " + e.getCause().getMessage()), e);
        }
    }

    private List<List<Path>> batches(List<Path> group, Map<Path, Info> infos) {
        List<List<Path>> batches = new ArrayList<>();
        List<Path> current = new ArrayList<>();
        long size = 0;
        for (Path p : group) {
            int events = infos.get(p).events();
            if (!current.isEmpty() && size + events > batchEvents) {
                batches.add(current);
                current = new ArrayList<>();
                size = 0;
            }
            current.add(p);
            size += events;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /**
     * One TLC run replays the traces one after another; a trace it cannot match ends the run, so the
     * rest of the batch goes to a new run after that trace's diagnosis.
     */
    private Map<Path, Verdict> runBatch(List<Path> batch, Map<Path, Info> infos) throws IOException {
        Map<Path, Verdict> verdicts = new HashMap<>();
        int from = 0;
        while (from < batch.size()) {
            List<Path> rest = batch.subList(from, batch.size());
            if (rest.size() == 1 && infos.get(rest.get(0)).events() <= DIRECT_DIAGNOSIS_EVENTS) {
                verdicts.put(rest.get(0), alone(rest.get(0), infos));
                break;
            }
            TlcResult result = run(cfg(VALIDATE_CFG), rest, infos);
            TlcOutcome outcome = TlcOutcome.of(result, "validation of " + rest.size() + " trace(s) starting with " + rest.get(0));
            int accepted = outcome.acceptedPrefix(rest.size());
            long required = 0;
            long totalEvents = 0;
            for (int k = 0; k < rest.size(); k++) {
                int events = infos.get(rest.get(k)).events();
                totalEvents += events;
                if (k < accepted) {
                    required += events + 1;
                }
            }
            boolean counted = requireReplayed(outcome, rest, accepted, required, infos);
            double seconds = result.stats().seconds();
            for (int k = 0; k < rest.size() && k <= accepted; k++) {
                Path trace = rest.get(k);
                int events = infos.get(trace).events();
                double share = totalEvents == 0 ? seconds / rest.size() : seconds * events / totalEvents;
                // The replay of trace k started after the accepted ones' states; its own states are the
                // matched events plus its initial state, so the unmatched event is the last state's index.
                long stuckAt = counted ? outcome.statesGenerated() - required : UNKNOWN;
                verdicts.put(trace, k < accepted ? new Verdict(trace, events, true, Optional.empty(), share)
                        : diagnose(trace, infos, stuckAt, share));
            }
            from += accepted + 1;
        }
        return verdicts;
    }

    /** A lone small trace: its diagnosis run is its validation (one TLC start instead of two). */
    private Verdict alone(Path trace, Map<Path, Info> infos) throws IOException {
        int events = infos.get(trace).events();
        TlcResult result = run(diagnoseCfg(0), List.of(trace), infos);
        TlcOutcome outcome = TlcOutcome.of(result, "validation of " + trace);
        if (outcome.acceptedPrefix(1) == 1) {
            requireReplayed(outcome, List.of(trace), 1, events + 1L, infos);
            return new Verdict(trace, events, true, Optional.empty(), result.stats().seconds());
        }
        return rejected(trace, events, outcome, result, 0);
    }

    private Verdict diagnose(Path trace, Map<Path, Info> infos, long stuckAt, double secondsSoFar) throws IOException {
        int events = infos.get(trace).events();
        if (stuckAt != UNKNOWN && (stuckAt < 1 || stuckAt > events)) {
            throw new ValidationException("TLC's state count puts the unmatched event of " + trace + " at " + stuckAt
                    + ", outside its " + events + " events");
        }
        TlcResult result = run(diagnoseCfg(stuckAt == UNKNOWN ? 0 : stuckAt), List.of(trace), infos);
        TlcOutcome outcome = TlcOutcome.of(result, "diagnosis of " + trace);
        if (outcome.acceptedPrefix(1) == 1) {
            throw new ValidationException("the diagnosis run accepted " + trace + ", which the validation run rejected");
        }
        return rejected(trace, events, outcome, result, secondsSoFar);
    }

    private static Verdict rejected(Path trace, int events, TlcOutcome outcome, TlcResult result, double secondsSoFar)
            throws IOException {
        Diagnosis diagnosis = outcome.diagnosis(trace).orElseThrow(() -> new ValidationException(
                "TLC rejected " + trace + " but its diagnosis run named no unmatched event; TLC printed:\n"
                        + result.output().userOutput().orElse("")));
        return new Verdict(trace, events, false, Optional.of(diagnosis), secondsSoFar + result.stats().seconds());
    }

    /** The diagnosis cfg probing event {@code at} (0: wherever the replay gets stuck). */
    private String diagnoseCfg(long at) {
        String cfg = cfg(DIAGNOSE_CFG);
        String fixed = cfg.replace("DiagnoseAt = 0", "DiagnoseAt = " + at);
        if (fixed.equals(cfg) && at != 0) {
            throw new ValidationException(DIAGNOSE_CFG + " has no line 'DiagnoseAt = 0' to set");
        }
        return fixed;
    }

    /**
     * Guards against a vacuous pass. A loaded TLC has been seen to print no state count at all (read as 0); then
     * the spec's own markers must show that each accepted replay reached its last event. Returns whether TLC
     * counted, i.e. whether its count can place a rejected trace's unmatched event.
     */
    static boolean requireReplayed(TlcOutcome outcome, List<Path> traces, int accepted, long required,
            Map<Path, Info> infos) {
        if (outcome.statesGenerated() > 0) {
            requireStates(outcome, required, accepted);
            return true;
        }
        requireMarkedEvents(outcome, traces, accepted, infos);
        return false;
    }

    /** Each accepted trace's marker names its last event: the replay went all the way through it. */
    private static void requireMarkedEvents(TlcOutcome outcome, List<Path> traces, int accepted,
            Map<Path, Info> infos) {
        for (int k = 0; k < accepted; k++) {
            int events = infos.get(traces.get(k)).events();
            if (outcome.acceptedEvents(k) != events) {
                throw new ValidationException("TLC accepted " + traces.get(k) + " after " + outcome.acceptedEvents(k)
                        + " events, but it has " + events);
            }
        }
    }

    /** Guards against a vacuous pass: accepted traces need a state per event (and one to start from). */
    private static void requireStates(TlcOutcome outcome, long required, int accepted) {
        if (outcome.statesGenerated() < required) {
            throw new ValidationException("TLC reported " + accepted + " accepted trace(s) but generated only "
                    + outcome.statesGenerated() + " states, fewer than their " + required + " events and initial states");
        }
    }

    /**
     * TLC in simulation mode, one behaviour as deep as all the traces: every state has at most one
     * successor, so that behaviour is the whole replay, and TLC neither fingerprints nor stores states
     * (in model-checking mode it deep-normalises every state, which costs the size of all logs per event).
     */
    private TlcResult run(String cfgText, List<Path> traces, Map<Path, Info> infos) {
        StringBuilder manifest = new StringBuilder();
        long depth = 2;
        for (Path p : traces) {
            manifest.append(p.toAbsolutePath()).append('\n');
            depth += infos.get(p).events() + 2;
        }
        TlcRun run = TlcRun.of(MODULE).cfgText(cfgText).spec(spec)
                .extraFile(TraceIO.MANIFEST, manifest.toString())
                .noDeadlockCheck()
                .tlcOptions("-simulate", "num=1", "-depth", Long.toString(Math.min(depth, Integer.MAX_VALUE)))
                .jvmOptions(jvmOptions.toArray(String[]::new))
                .captureUserFile()
                .timeout(Duration.ofHours(2))
                .build();
        return driver.run(run);
    }

}
