package org.jointraft.conformance.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * explicit marker for it, in a run that ended cleanly and explored at least one state per matched event.
 */
public final class TraceValidator {
    static final String MODULE = "TraceJointRaft";
    static final String VALIDATE_CFG = "TraceJointRaft.cfg";
    static final String DIAGNOSE_CFG = "TraceJointRaft_diagnose.cfg";

    private final TlcDriver driver;
    private final SpecSource spec;
    private final int batchEvents;
    private final List<String> jvmOptions;

    public TraceValidator(TlcDriver driver, SpecSource spec, int batchEvents, List<String> jvmOptions) {
        if (batchEvents < 1) {
            throw new IllegalArgumentException("batchEvents must be positive, got " + batchEvents);
        }
        this.driver = driver;
        this.spec = spec;
        this.batchEvents = batchEvents;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** The project's spec from the classpath, TLC in a forked local JVM, batches of up to 400,000 events. */
    public static TraceValidator local() {
        return new TraceValidator(TlcDriver.local(), SpecSource.projectSpec(), 400_000, List.of("-Xss16m", "-Xmx1g"));
    }

    /** The same validator reading the spec files from {@code source}. */
    public TraceValidator withSpec(SpecSource source) {
        return new TraceValidator(driver, source, batchEvents, jvmOptions);
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
            infos.put(trace.toAbsolutePath().normalize(), read(trace));
        }
        Map<Path, Verdict> verdicts = new HashMap<>();
        Map<String, List<Path>> groups = new LinkedHashMap<>();
        infos.forEach((p, info) -> groups.computeIfAbsent(info.headerKey(), k -> new ArrayList<>()).add(p));
        for (List<Path> group : groups.values()) {
            for (List<Path> batch : batches(group, infos)) {
                verdicts.putAll(runBatch(batch, infos));
            }
        }
        List<Verdict> ordered = new ArrayList<>();
        for (Path trace : traces) {
            ordered.add(verdicts.get(trace.toAbsolutePath().normalize()));
        }
        return ordered;
    }

    /** What the validator needs to know of a trace before TLC sees it. */
    record Info(String headerKey, int events) { }

    static Info read(Path trace) throws IOException {
        try (TraceCursor cursor = new TraceReader().open(trace)) {
            int events = 0;
            while (cursor.hasNext()) {
                cursor.next();
                events++;
            }
            TraceHeader h = cursor.header();
            return new Info(h.nodes() + " " + h.bootstrap(), events);
        } catch (TraceFormatException e) {
            throw new BadTraceException(trace, e.getMessage(), e);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadTraceException(trace, "no such file", e);
        } catch (IOException e) {
            throw new BadTraceException(trace, "cannot read: " + e.getMessage(), e);
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

    private Map<Path, Verdict> runBatch(List<Path> batch, Map<Path, Info> infos) throws IOException {
        TlcResult result = run(VALIDATE_CFG, batch);
        TlcOutcome outcome = TlcOutcome.of(result, "validation of " + batch.size() + " trace(s) starting with " + batch.get(0));
        Set<Integer> accepted = outcome.accepted();
        long required = 0;
        long totalEvents = 0;
        for (int k = 0; k < batch.size(); k++) {
            int events = infos.get(batch.get(k)).events();
            totalEvents += events;
            if (accepted.contains(k + 1)) {
                required += events + 1;
            }
        }
        if (result.stats().distinctStates() < required) {
            throw new ValidationException("TLC reported " + accepted.size() + " accepted trace(s) but explored only "
                    + result.stats().distinctStates() + " states, fewer than their " + required + " events and initial states");
        }
        Map<Path, Verdict> verdicts = new HashMap<>();
        double seconds = result.stats().seconds();
        for (int k = 0; k < batch.size(); k++) {
            Path trace = batch.get(k);
            int events = infos.get(trace).events();
            double share = totalEvents == 0 ? seconds / batch.size() : seconds * events / totalEvents;
            if (accepted.contains(k + 1)) {
                verdicts.put(trace, new Verdict(trace, events, true, Optional.empty(), share));
            } else {
                verdicts.put(trace, diagnose(trace, events, share));
            }
        }
        return verdicts;
    }

    private Verdict diagnose(Path trace, int events, double secondsSoFar) throws IOException {
        TlcResult result = run(DIAGNOSE_CFG, List.of(trace));
        TlcOutcome outcome = TlcOutcome.of(result, "diagnosis of " + trace);
        if (outcome.accepted().contains(1)) {
            throw new ValidationException("the diagnosis run accepted " + trace + ", which the validation run rejected");
        }
        Diagnosis diagnosis = outcome.diagnosis(trace).orElseThrow(() -> new ValidationException(
                "TLC rejected " + trace + " but its diagnosis run named no unmatched event; TLC printed:\n"
                        + result.output().userOutput().orElse("")));
        return new Verdict(trace, events, false, Optional.of(diagnosis), secondsSoFar + result.stats().seconds());
    }

    private TlcResult run(String cfg, List<Path> traces) {
        StringBuilder manifest = new StringBuilder();
        traces.forEach(p -> manifest.append(p.toAbsolutePath()).append('\n'));
        TlcRun run = TlcRun.of(MODULE).cfg(cfg).spec(spec)
                .extraFile(TraceIO.MANIFEST, manifest.toString())
                .noDeadlockCheck()
                .jvmOptions(jvmOptions.toArray(String[]::new))
                .captureUserFile()
                .timeout(Duration.ofHours(2))
                .build();
        return driver.run(run);
    }

}
