package org.jointraft.conformance.tlc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One model check of a cfg file in one TLC run: its real invariants, its witnesses and the actions that fired.
 *
 * <p>A witness is a state the model must reach: the cfg names it in a comment line {@code \* witness: NAME}, NAME a
 * state predicate of the module, TRUE in that state (e.g. {@code SeedOutcome}), not listed under INVARIANTS. The run's
 * root module is generated ({@value #ROOT}.tla, EXTENDS the cfg's module and TLC): witness k becomes the invariant
 * {@code __Witness_k == IF TLCGet(k) = 0 /\ NAME THEN ~TLCSet(k, 1) ELSE TRUE}, violated once per TLC worker, the
 * first time the worker meets a NAME state; each real invariant I becomes {@code __Invariant_k}, guarded the same way.
 * TLC runs with {@code -continue}: a witness report (its trace) does not end the search; the first real violation
 * does (the driver stops TLC as soon as its trace is read). A witness's depth is the length of its first trace.
 *
 * <p>Action coverage: each action wrapper of the model ends with {@code Fired("X")}, which prints
 * {@code <<"jointraft-fired", "X", level>>} the first time (per worker) the action produces a successor; the spec
 * actions are the module's {@code SpecActions} ({@link SpecActions}).
 *
 * <p>A cfg with a PROPERTY (temporal) is checked in the same run: TLC accepts {@code -continue} with liveness, checks
 * the properties on the state space found so far and at the end, and stops at the first liveness violation (exit
 * code 13, a counter-example ending stuttering or back to one of its states), which is the verdict
 * {@link TlcResult.PropertyViolated}, naming the cfg's properties since TLC does not say which one failed.
 *
 * <p>A cfg starting with {@code \* mode: simulate} runs TLC's simulation mode ({@code -simulate -depth D -seed S})
 * for a time budget instead; a generated invariant counts behaviours and states. Distributed runs (TLCServer and
 * TLCWorkers) cannot evaluate TLCGet/TLCSet (TLC 2.18 says so and computes nothing): they check the real invariants
 * only, with {@code Fired} replaced by TRUE.
 */
public final class ModelCheck {
    /** The generated root module's name. */
    public static final String ROOT = "__Check";
    /** Registers 1..97 are the generated invariants' (98, 99 the simulation counter); 100 on, the actions'. */
    static final int MAX_REGISTERS = 97;
    static final int COUNTER = 98;
    /** The depth of simulated behaviours when the cfg does not say ({@code \* depth: N}). */
    public static final int DEFAULT_DEPTH = 100;

    private ModelCheck() { }

    /** How a cfg was checked. */
    public enum Mode { CHECK, SIMULATE, DISTRIBUTED }

    /**
     * How to run: {@code budget} and {@code seed} for simulation-mode cfgs, {@code distributed} (or null) for
     * TLC's distributed mode.
     */
    public record Settings(Duration budget, long seed, TlcRun.Distributed distributed) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(60), 1, null);
    }

    /** A witness: reached or not, and its first trace (empty when not reached). */
    public record Witness(String name, boolean reached, List<TlcState> trace) {
        public Witness {
            trace = List.copyOf(trace);
        }

        /** The length of the first trace reaching it (0: not reached). */
        public int depth() {
            return trace.size();
        }
    }

    /** A simulation's size: behaviours begun, states checked, and the seconds they took. */
    public record Simulation(long behaviours, long states, double seconds, int depth, long seed) {
        public double statesPerSecond() {
            return seconds <= 0 ? 0 : states / seconds;
        }
    }

    /**
     * The check of one cfg: its witnesses (empty in distributed mode: not checked), the spec actions of its module
     * (empty if it has no SpecActions) with the level each fired from first, the verdict of the real invariants, and
     * the simulation's size (null unless simulated).
     */
    public record Report(String cfg, Mode mode, List<Witness> witnesses, List<String> specActions,
                         Map<String, Integer> fired, TlcResult result, Simulation simulation) {
        public Report {
            witnesses = List.copyOf(witnesses);
            specActions = List.copyOf(specActions);
            fired = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fired));
        }

        public List<String> missingWitnesses() {
            return witnesses.stream().filter(w -> !w.reached()).map(Witness::name).toList();
        }

        /** The invariants held (TLC explored everything, or simulated for its budget) and every witness was reached. */
        public boolean passed() {
            return result instanceof TlcResult.Ok && missingWitnesses().isEmpty();
        }
    }

    /** The witness names a cfg text declares, in order; a malformed name is a setup error. */
    public static List<String> witnesses(String cfgName, String cfgText) {
        return ModelCheckCfg.parse(cfgName, cfgText).witnesses();
    }

    /** {@link #run(TlcDriver, SpecSource, String, String, Settings, Consumer)} with the default settings. */
    public static Report run(TlcDriver driver, SpecSource spec, String module, String cfgFile,
                             Consumer<TlcRun.Builder> customize) {
        return run(driver, spec, module, cfgFile, Settings.DEFAULT, customize);
    }

    /**
     * Checks {@code cfgFile} of {@code module} in one TLC run. {@code customize} sets workers, timeout and listener
     * (the listener gets every message and line).
     */
    public static Report run(TlcDriver driver, SpecSource spec, String module, String cfgFile, Settings settings,
                             Consumer<TlcRun.Builder> customize) {
        ModelCheckCfg cfg = ModelCheckCfg.parse(cfgFile, spec.read(cfgFile));
        List<String> actions = SpecActions.of(spec, module).orElse(List.of());
        Mode mode = settings.distributed() != null ? Mode.DISTRIBUTED : cfg.simulate() ? Mode.SIMULATE : Mode.CHECK;
        if (cfg.witnesses().size() + cfg.invariants().size() > MAX_REGISTERS) {
            throw new TlcSetupException(cfgFile + ": more than " + MAX_REGISTERS + " witnesses and invariants together");
        }
        Map<String, String> witnessBy = new LinkedHashMap<>();
        Map<String, String> realBy = new LinkedHashMap<>();
        StringBuilder root = new StringBuilder("---- MODULE " + ROOT + " ----\n");
        root.append("\\* generated by jointraft model-check for ").append(cfgFile).append('\n');
        List<String> invariants = new ArrayList<>();
        String cfgText;
        int depth = cfg.depth().orElse(DEFAULT_DEPTH);
        if (mode == Mode.DISTRIBUTED) {
            root.append("EXTENDS ").append(module).append("\n__NoFired(a) == TRUE\n");
            cfgText = cfg.text() + (actions.isEmpty() ? "" : "\n\\* distributed TLC has no TLCGet/TLCSet\n"
                    + "CONSTANT Fired <- __NoFired\n");
        } else {
            root.append("EXTENDS ").append(module).append(", TLC\n");
            int registers = cfg.witnesses().size() + cfg.invariants().size();
            if (registers > 0) {
                root.append("ASSUME \\A k \\in 1..").append(registers).append(" : TLCSet(k, 0)\n");
            }
            int k = 0;
            for (String w : cfg.witnesses()) {
                k++;
                String name = "__Witness_" + k;
                witnessBy.put(name, w);
                invariants.add(name);
                reportOnce(root, name, k, w, "");
            }
            for (String inv : cfg.invariants()) {
                k++;
                String name = "__Invariant_" + k;
                realBy.put(name, inv);
                invariants.add(name);
                reportOnce(root, name, k, "~" + inv,
                        "PrintT(<<\"jointraft-violated\", \"" + inv + "\", TLCGet(\"level\")>>) /\\ ");
            }
            if (mode == Mode.SIMULATE) {
                // one line per behaviour (at its first step): the states this worker checked since the last one
                root.append("ASSUME TLCSet(").append(COUNTER).append(", 0)\n")
                        .append("__Behaviours == /\\ TLCSet(").append(COUNTER).append(", TLCGet(").append(COUNTER)
                        .append(") + 1)\n    /\\ IF TLCGet(\"level\") = 1 THEN PrintT(<<\"jointraft-behaviour\", TLCGet(")
                        .append(COUNTER).append(")>>) /\\ TLCSet(").append(COUNTER).append(", 0) ELSE TRUE\n");
                invariants.add("__Behaviours");
            }
            cfgText = cfg.textWithoutInvariants()
                    + (invariants.isEmpty() ? "" : "\n\\* generated by jointraft model-check\nINVARIANTS "
                    + String.join(" ", invariants) + "\n");
        }
        root.append("====\n");

        CheckListener listener;
        TlcRun.Builder run = TlcRun.of(ROOT).spec(spec).extraFile(ROOT + ".tla", root.toString()).cfgText(cfgText);
        customize.accept(run);
        TlcListener outer = run.build().listener();
        listener = new CheckListener(witnessBy, realBy, outer);
        run.listener(listener).stopWhen(listener::realViolationComplete);
        if (mode == Mode.SIMULATE) {
            run.tlcOptions("-continue", "-simulate", "-depth", Integer.toString(depth), "-seed",
                    Long.toString(settings.seed())).budget(settings.budget());
        } else if (mode == Mode.CHECK) {
            run.tlcOptions("-continue");
        } else {
            TlcRun.Distributed d = settings.distributed();
            run.distributed(new TlcRun.Distributed(d.localWorkers(), Math.max(d.threadsPerWorker(), run.workerCount()),
                    d.port(), d.serverHost(), d.onPort()));
        }
        TlcDriver.Execution ex = driver.execute(run.build());

        List<Witness> witnesses = new ArrayList<>();
        Map<String, List<TlcState>> traces = listener.witnessTraces();
        if (mode != Mode.DISTRIBUTED) {
            for (String w : cfg.witnesses()) {
                List<TlcState> trace = traces.getOrDefault(w, List.of());
                witnesses.add(new Witness(w, traces.containsKey(w), trace));
            }
        }
        TlcResult result = namingProperties(verdict(ex, listener, mode), cfg);
        Simulation simulation = mode != Mode.SIMULATE ? null : new Simulation(listener.behaviours(),
                listener.simulatedStates(), listener.simulatedSeconds(), depth, settings.seed());
        return new Report(cfgFile, mode, witnesses, mode == Mode.DISTRIBUTED ? List.of() : actions, listener.fired(),
                result, simulation);
    }

    /**
     * A liveness violation names the cfg's properties (TLC does not say which one failed); a {@code []P} property
     * TLC checks as an invariant ("Invariant P is violated") is a property violation without a loop.
     */
    private static TlcResult namingProperties(TlcResult result, ModelCheckCfg cfg) {
        if (result instanceof TlcResult.PropertyViolated p && p.properties().isEmpty()) {
            return p.naming(cfg.properties());
        }
        if (result instanceof TlcResult.InvariantViolated v && cfg.properties().contains(v.invariant())
                && !cfg.invariants().contains(v.invariant())) {
            return new TlcResult.PropertyViolated(List.of(v.invariant()), v.trace(), null, v.stats(), v.output());
        }
        return result;
    }

    private static TlcResult verdict(TlcDriver.Execution ex, CheckListener listener, Mode mode) {
        List<TlcMessage> kept = listener.keptMessages();
        TlcOutput output = ex.output();
        TlcStats stats = TlcResultInterpreter.stats(kept, ex.seconds());
        if (listener.realViolated() != null) {
            return new TlcResult.InvariantViolated(listener.realViolated(), listener.realTrace(), stats, output);
        }
        if (mode == Mode.DISTRIBUTED) {
            Optional<TlcResult> unnamed = unnamedViolation(kept, stats, output);
            if (unnamed.isPresent() && !ex.timedOut()) {
                return unnamed.get();
            }
        }
        if (ex.stopped()) {
            // the simulation's budget ran out: what it checked held
            if (mode == Mode.SIMULATE) {
                return new TlcResult.Ok(new TlcStats(listener.simulatedStates(), 0, 0, ex.seconds()), output);
            }
            return new TlcResult.Error(TlcErrorKind.OTHER, "TLC was stopped before it finished", -1, List.of(), stats,
                    output);
        }
        return TlcResultInterpreter.interpret(kept, ex.plainLines(), output.exitCode(), ex.timedOut(), ex.seconds(), output);
    }

    /**
     * Distributed TLC 2.18 reports an invariant violation only by "The behavior up to this point is:" and a trace
     * (whose first state need not be initial), names no invariant and exits with 0.
     */
    private static Optional<TlcResult> unnamedViolation(List<TlcMessage> kept, TlcStats stats, TlcOutput output) {
        int header = -1;
        for (int i = 0; i < kept.size(); i++) {
            if (kept.get(i).code() == TlcResultInterpreter.BEHAVIOR_HEADER) {
                header = i;
            }
        }
        if (header < 0 || kept.stream().anyMatch(m -> m.code() == TlcResultInterpreter.DEADLOCK)) {
            return Optional.empty();
        }
        List<TlcState> trace = kept.subList(header, kept.size()).stream()
                .filter(m -> m.code() == TlcResultInterpreter.STATE).map(m -> TlcStateParser.parse(m.text())).toList();
        return Optional.of(new TlcResult.InvariantViolated(DISTRIBUTED_UNNAMED, trace, stats, output));
    }

    /** The invariant name of a distributed run's violation: TLCServer does not say which one. */
    public static final String DISTRIBUTED_UNNAMED = "(unnamed: distributed TLC does not say; rerun without --distributed)";

    /**
     * Appends the report-once invariant {@code name}: FALSE in the first state (per TLC worker) where
     * {@code condition} holds, after {@code effect} (a conjunct prefix, or ""), TRUE everywhere else; register
     * {@code register} remembers that it fired.
     */
    private static void reportOnce(StringBuilder root, String name, int register, String condition, String effect) {
        root.append(name).append(" == IF TLCGet(").append(register).append(") = 0 /\\ ").append(condition)
                .append(" THEN ").append(effect).append("~TLCSet(").append(register).append(", 1) ELSE TRUE\n");
    }
}
