package org.jointraft.conformance.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jointraft.conformance.tlc.ModelCheck;
import org.jointraft.conformance.tlc.ModelCheckSuite;
import org.jointraft.conformance.tlc.TlcErrorKind;
import org.jointraft.conformance.tlc.TlcResult;
import org.jointraft.conformance.tlc.TlcState;
import org.jointraft.conformance.tlc.TlcStats;
import org.jointraft.conformance.tlc.TraceFormatter;

/** The output of {@code model-check}: one JSON object, or tables for people (configs, witnesses, actions). */
final class ModelCheckOutput {
    private ModelCheckOutput() { }

    /** The whole run: verdict, totals, every witness, every spec action, and each config's figures. */
    record SuiteJson(ModelCheckSuite.Verdict result, String config, long states, long distinct, double seconds,
                     List<WitnessJson> witnesses, List<ActionJson> actions, List<ConfigJson> configs) { }

    /** A witness of a config; its trace only with --traces. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record WitnessJson(String name, String config, boolean reached, int depth, List<StateJson> trace) { }

    /** A spec action: fired in at least one config, and which. */
    record ActionJson(String name, boolean fired, List<String> configs) { }

    /**
     * One config: {@code invariant} and {@code trace} for an invariant's violation (a deadlock's trace too);
     * {@code properties}, {@code trace} and {@code loop} ("back to state N", "stuttering"; absent when a property's
     * safety part failed in the trace's last state) for a temporal property's; {@code error} and {@code message} when
     * TLC failed, {@code simulation} in simulation mode.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ConfigJson(String name, String cfg, String mode, ModelCheckSuite.Verdict result, long states, long distinct,
                      long depth, double seconds, String invariant, List<String> properties, String loop,
                      TlcErrorKind error, String message,
                      List<WitnessJson> witnesses, @JsonProperty("actions_fired") List<String> actionsFired,
                      List<StateJson> trace, SimulationJson simulation) { }

    record SimulationJson(long behaviours, long states, double seconds,
                          @JsonProperty("states_per_second") long statesPerSecond, int depth, long seed) { }

    /** One state of a trace. */
    record StateJson(int number, String action, Map<String, String> variables) {
        static StateJson of(TlcState state) {
            return new StateJson(state.number(), state.action(), state.variables());
        }
    }

    static SuiteJson json(ModelCheckSuite suite, boolean traces) {
        List<WitnessJson> witnesses = new ArrayList<>();
        List<ConfigJson> configs = new ArrayList<>();
        for (ModelCheckSuite.Config c : suite.configs()) {
            ModelCheck.Report r = c.report();
            List<WitnessJson> own = r.witnesses().stream().map(w -> new WitnessJson(w.name(), c.name(), w.reached(),
                    w.depth(), traces ? states(w.trace()) : null)).toList();
            witnesses.addAll(own.stream().map(w -> new WitnessJson(w.name(), w.config(), w.reached(), w.depth(), null))
                    .toList());
            TlcResult result = r.result();
            TlcStats s = result.stats();
            TlcResult.Error e = result instanceof TlcResult.Error error ? error : null;
            ModelCheck.Simulation sim = r.simulation();
            configs.add(new ConfigJson(c.name(), r.cfg(), r.mode().name().toLowerCase(Locale.ROOT), c.verdict(),
                    s.statesGenerated(), s.distinctStates(), s.depth(), tenths(s.seconds()),
                    result instanceof TlcResult.InvariantViolated v ? v.invariant() : null,
                    result instanceof TlcResult.PropertyViolated p ? p.properties() : null,
                    result instanceof TlcResult.PropertyViolated p && p.loop() != null ? p.loop().describe() : null,
                    e == null ? null : e.kind(), e == null ? null : e.message(), own,
                    List.copyOf(r.fired().keySet()), trace(result).isEmpty() ? null : states(trace(result)),
                    sim == null ? null : new SimulationJson(sim.behaviours(), sim.states(), tenths(sim.seconds()),
                            Math.round(sim.statesPerSecond()), sim.depth(), sim.seed())));
        }
        List<ActionJson> actions = suite.firedIn().entrySet().stream()
                .map(a -> new ActionJson(a.getKey(), !a.getValue().isEmpty(), a.getValue())).toList();
        return new SuiteJson(suite.verdict(), suite.name(), suite.states(), suite.distinct(), tenths(suite.seconds()),
                witnesses, actions, configs);
    }

    static void print(ModelCheckSuite suite, boolean traces, PrintWriter out) {
        out.printf("result:    %s%n", suite.verdict());
        out.printf("config:    %s%n", suite.name());
        out.printf("states:    %,d generated, %,d distinct%n", suite.states(), suite.distinct());
        out.printf("seconds:   %.1f%n", suite.seconds());
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("config", "cfg", "mode", "result", "states", "distinct", "depth", "seconds", "witnesses",
                "actions"));
        for (ModelCheckSuite.Config c : suite.configs()) {
            ModelCheck.Report r = c.report();
            TlcStats s = r.result().stats();
            long reached = r.witnesses().stream().filter(ModelCheck.Witness::reached).count();
            rows.add(List.of(c.name(), r.cfg(), r.mode().name().toLowerCase(Locale.ROOT), c.verdict().toString(),
                    String.format("%,d", s.statesGenerated()), String.format("%,d", s.distinctStates()),
                    Long.toString(s.depth()), String.format("%.1f", s.seconds()),
                    r.mode() == ModelCheck.Mode.DISTRIBUTED ? "not checked" : reached + "/" + r.witnesses().size(),
                    r.specActions().isEmpty() && r.fired().isEmpty() ? "-" : r.fired().size() + "/" + r.specActions().size()));
        }
        out.printf("%n");
        table(rows, out);
        List<List<String>> witnessRows = new ArrayList<>();
        witnessRows.add(List.of("witness", "config", "reached", "depth"));
        for (ModelCheckSuite.Config c : suite.configs()) {
            c.report().witnesses().forEach(w -> witnessRows.add(List.of(w.name(), c.name(), w.reached() ? "yes" : "NO",
                    w.reached() ? Integer.toString(w.depth()) : "-")));
        }
        if (witnessRows.size() > 1) {
            out.printf("%n");
            table(witnessRows, out);
        }
        Map<String, List<String>> fired = suite.firedIn();
        if (!fired.isEmpty()) {
            List<List<String>> actionRows = new ArrayList<>();
            actionRows.add(List.of("action", "fired", "configs"));
            fired.forEach((a, in) -> actionRows.add(List.of(a, in.isEmpty() ? "NO" : "yes", String.join(", ", in))));
            out.printf("%n");
            table(actionRows, out);
        }
        for (ModelCheckSuite.Config c : suite.configs()) {
            ModelCheck.Report r = c.report();
            if (r.simulation() != null) {
                ModelCheck.Simulation sim = r.simulation();
                out.printf("%nsimulation %s: %,d behaviours of depth <= %d, %,d states in %.1f s (%,.0f states/s), seed %d%n",
                        c.name(), sim.behaviours(), sim.depth(), sim.states(), sim.seconds(), sim.statesPerSecond(),
                        sim.seed());
            }
            TlcResult result = r.result();
            if (result instanceof TlcResult.InvariantViolated v) {
                out.printf("%n%s: invariant %s violated%n", c.name(), v.invariant());
            } else if (result instanceof TlcResult.PropertyViolated p) {
                out.printf("%n%s: property %s violated%s%n", c.name(), String.join(", ", p.properties()),
                        p.loop() == null ? "" : " (the behaviour ends " + p.loop().describe() + ")");
            } else if (result instanceof TlcResult.Deadlock) {
                out.printf("%n%s: deadlock%n", c.name());
            } else if (result instanceof TlcResult.Error e) {
                out.printf("%n%s: TLC %s error (exit code %d):%n%s%n", c.name(), e.kind(), e.exitCode(), e.message());
            }
            List<TlcState> trace = trace(result);
            if (!trace.isEmpty()) {
                out.printf("%s trace (%d states, only changed variables shown):%n%s", c.name(), trace.size(),
                        TraceFormatter.format(trace));
                if (result instanceof TlcResult.PropertyViolated p && p.loop() != null) {
                    out.printf("%s%n", p.loop().stuttering() ? "then stuttering for ever"
                            : "then " + p.loop().describe() + (p.loop().action().isEmpty() ? "" : " by "
                            + p.loop().action()) + ", and round again for ever");
                }
            }
            if (traces) {
                for (ModelCheck.Witness w : r.witnesses()) {
                    if (w.reached()) {
                        out.printf("%nwitness %s of %s (%d states, only changed variables shown):%n%s", w.name(),
                                c.name(), w.depth(), TraceFormatter.format(w.trace()));
                    }
                }
            }
        }
    }

    private static List<TlcState> trace(TlcResult result) {
        if (result instanceof TlcResult.InvariantViolated v) {
            return v.trace();
        } else if (result instanceof TlcResult.PropertyViolated p) {
            return p.trace();
        } else if (result instanceof TlcResult.Deadlock d) {
            return d.trace();
        } else if (result instanceof TlcResult.Error e) {
            return e.trace();
        }
        return List.of();
    }

    private static List<StateJson> states(List<TlcState> trace) {
        return trace.stream().map(StateJson::of).toList();
    }

    /** Columns padded to their widest cell; numbers are not right-aligned (they are already grouped). */
    static void table(List<List<String>> rows, PrintWriter out) {
        int[] width = new int[rows.get(0).size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(i == 0 ? "" : "  ").append(i == row.size() - 1 ? row.get(i)
                        : String.format("%-" + width[i] + "s", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static double tenths(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }
}
