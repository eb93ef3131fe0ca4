package org.jointraft.conformance.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The checks of a group of cfgs (or of one cfg) and their joint verdict: {@code ok} only if every config passed
 * (its invariants held, its witnesses were reached) and, when {@code requireActions}, every spec action of any of
 * the configs' modules fired in at least one config.
 *
 * @param name           the group's (or the single config's) name
 * @param configs        each config's name and report, in the order they ran
 * @param requireActions whether an action that fired nowhere fails the suite (groups: yes)
 */
public record ModelCheckSuite(String name, List<Config> configs, boolean requireActions) {
    public ModelCheckSuite {
        configs = List.copyOf(configs);
    }

    /** One config of the suite. */
    public record Config(String name, ModelCheck.Report report) {
        public Verdict verdict() {
            return Verdict.of(report);
        }
    }

    /** A verdict, written in lower case; its exit code as the CLI's (0 ok, 1 a problem found, 2 error). */
    public enum Verdict {
        OK(0), VIOLATION(1), DEADLOCK(1), WITNESS_MISSING(1), ACTION_NOT_FIRED(1), ERROR(2);

        public final int exitCode;

        Verdict(int exitCode) {
            this.exitCode = exitCode;
        }

        public static Verdict of(TlcResult result) {
            if (result instanceof TlcResult.Ok) {
                return OK;
            } else if (result instanceof TlcResult.InvariantViolated || result instanceof TlcResult.PropertyViolated) {
                return VIOLATION;
            } else if (result instanceof TlcResult.Deadlock) {
                return DEADLOCK;
            }
            return ERROR;
        }

        /** One config's verdict: its run's, else witness_missing when a witness was not reached. */
        public static Verdict of(ModelCheck.Report report) {
            Verdict v = of(report.result());
            return v == OK && !report.missingWitnesses().isEmpty() ? WITNESS_MISSING : v;
        }

        @com.fasterxml.jackson.annotation.JsonValue
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The spec actions of every config's module, in order of first mention. */
    public List<String> specActions() {
        Set<String> all = new LinkedHashSet<>();
        configs.forEach(c -> all.addAll(c.report().specActions()));
        return List.copyOf(all);
    }

    /** Each spec action and the configs it fired in (empty: fired nowhere). */
    public Map<String, List<String>> firedIn() {
        Map<String, List<String>> in = new LinkedHashMap<>();
        specActions().forEach(a -> in.put(a, new ArrayList<>()));
        for (Config c : configs) {
            c.report().fired().keySet().forEach(a -> in.computeIfAbsent(a, x -> new ArrayList<>()).add(c.name()));
        }
        return in;
    }

    /** Spec actions that fired in no config. */
    public List<String> actionsNotFired() {
        return firedIn().entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /**
     * The worst config verdict (error first, then violation, deadlock, witness_missing); if all are ok,
     * action_not_fired when required and an action fired nowhere, else ok.
     */
    public Verdict verdict() {
        Verdict worst = Verdict.OK;
        for (Verdict v : List.of(Verdict.ERROR, Verdict.VIOLATION, Verdict.DEADLOCK, Verdict.WITNESS_MISSING)) {
            if (configs.stream().anyMatch(c -> c.verdict() == v)) {
                worst = v;
                break;
            }
        }
        if (worst == Verdict.OK && requireActions && !actionsNotFired().isEmpty()) {
            return Verdict.ACTION_NOT_FIRED;
        }
        return worst;
    }

    public long states() {
        return configs.stream().mapToLong(c -> c.report().result().stats().statesGenerated()).sum();
    }

    public long distinct() {
        return configs.stream().mapToLong(c -> c.report().result().stats().distinctStates()).sum();
    }

    public double seconds() {
        return configs.stream().mapToDouble(c -> c.report().result().stats().seconds()).sum();
    }
}
