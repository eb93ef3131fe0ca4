package org.jointraft.conformance.tlc;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One model check of a cfg file, its witnesses included. A witness is a state the model must
 * reach (e.g. the seed's outcome): the cfg names it in a comment line {@code \* witness: NAME},
 * where NAME is an invariant of the module that is <em>not</em> listed under the cfg's
 * INVARIANTS and whose violation is the witness state (e.g. {@code NotSeedOutcome}). TLC run on
 * the cfg alone (the TLC command line, the Toolbox) thus checks only the real invariants.
 *
 * <p>{@link #run} first runs TLC once per witness, with the cfg plus {@code INVARIANT NAME}:
 * breadth-first search stops at the first violation, so the trace is a shortest behaviour
 * reaching the witness. Then it runs TLC on the cfg itself, to the end. A witness run that
 * ends without violating NAME has searched the whole state space with every invariant of the
 * cfg: the witness is missing, and that run's result is the verdict (no second run). A witness
 * run that violates a real invariant first ends the check with that violation. (TLC's
 * {@code -continue} does not help: it reports every violating state, each with its whole trace,
 * over a thousand for the seed witness, and then exits with 0.)
 */
public final class ModelCheck {
    private static final Pattern WITNESS = Pattern.compile("^\\s*\\\\\\*\\s*witness:(.*)$", Pattern.MULTILINE);
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private ModelCheck() { }

    /** What one witness run found; {@code result} is that TLC run's result. */
    public record Witness(String invariant, TlcResult result) {
        /** TLC violated exactly the witness invariant: the witness state is reachable. */
        public boolean found() {
            return result instanceof TlcResult.InvariantViolated v && v.invariant().equals(invariant);
        }

        /** The behaviour reaching the witness (empty when not found). */
        public List<TlcState> trace() {
            return found() ? ((TlcResult.InvariantViolated) result).trace() : List.of();
        }
    }

    /**
     * The whole check: the witness runs in order, and the verdict run ({@code result}: the cfg's
     * own run, or the witness run that ended the check).
     */
    public record Report(String cfg, List<Witness> witnesses, TlcResult result) {
        public Report {
            witnesses = List.copyOf(witnesses);
        }

        /** Witnesses of the cfg that TLC did not reach. */
        public List<String> missingWitnesses() {
            return witnesses.stream().filter(w -> !w.found()).map(Witness::invariant).toList();
        }

        /** Every witness found, and the verdict run found nothing wrong. */
        public boolean passed() {
            return result instanceof TlcResult.Ok && missingWitnesses().isEmpty();
        }
    }

    /** The witness names a cfg text declares, in order; a malformed name is a setup error. */
    public static List<String> witnesses(String cfgName, String cfgText) {
        List<String> names = new ArrayList<>();
        Matcher m = WITNESS.matcher(cfgText.replace("\r\n", "\n"));
        while (m.find()) {
            String name = m.group(1).strip();
            if (!NAME.matcher(name).matches()) {
                throw new TlcSetupException(cfgName + ": '\\* witness:' must name one invariant, found '" + name + "'");
            }
            names.add(name);
        }
        return names;
    }

    /**
     * Checks {@code cfgFile} of {@code module}: every witness, then the cfg. {@code customize} sets
     * workers, timeout and listener of every run (each run gets the time limit anew).
     */
    public static Report run(TlcDriver driver, SpecSource spec, String module, String cfgFile,
                             Consumer<TlcRun.Builder> customize) {
        String cfgText = spec.read(cfgFile);
        List<Witness> witnesses = new ArrayList<>();
        for (String name : witnesses(cfgFile, cfgText)) {
            TlcRun.Builder run = TlcRun.of(module).spec(spec)
                    .cfgText(cfgText + "\n\\* added by the witness run\nINVARIANT " + name + "\n");
            customize.accept(run);
            Witness witness = new Witness(name, driver.run(run.build()));
            witnesses.add(witness);
            if (!witness.found()) {
                return new Report(cfgFile, witnesses, witness.result());
            }
        }
        TlcRun.Builder run = TlcRun.of(module).spec(spec).cfg(cfgFile);
        customize.accept(run);
        return new Report(cfgFile, witnesses, driver.run(run.build()));
    }
}
