package org.jointraft.conformance.tlc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a model-check run of {@link ModelCheck} as TLC prints it: the reports of the generated witness invariants
 * (each a 2110 message naming {@code __Witness_k}, then the 2217 states of its trace), the first violation of a real
 * invariant (whose trace, once complete, stops the run), the {@code <<"jointraft-fired", "X", level>>} lines of the
 * action wrappers and, in simulation mode, the {@code <<"jointraft-behaviour", states>>} line of each behaviour.
 * Called from the driver's reader thread; {@link #realViolationComplete} from the driver's waiting thread.
 */
final class CheckListener implements TlcListener {
    private static final Pattern VIOLATED = Pattern.compile("^Invariant (\\S+) is violated");
    private static final Pattern FIRED = Pattern.compile("^<<\"jointraft-fired\", \"([^\"]*)\", (\\d+)>>");
    private static final Pattern REAL = Pattern.compile("^<<\"jointraft-violated\", \"([^\"]*)\", (\\d+)>>");
    private static final Pattern BEHAVIOUR = Pattern.compile("^<<\"jointraft-behaviour\", (\\d+)>>");
    /** Messages that may come between the states of a trace (other threads print them). */
    private static final Set<Integer> BETWEEN_STATES = Set.of(TlcResultInterpreter.STATE, TlcOutputParser.PROGRESS_CODE,
            2209, 7003);
    /** Once a real violation's trace has started, TLC is stopped after this long without a further state. */
    private static final long QUIET_NANOS = 2_000_000_000L;

    private final Map<String, String> witnessByInvariant;
    private final Map<String, String> realByInvariant;
    private final TlcListener next;

    private final Map<String, List<TlcState>> witnessTraces = new LinkedHashMap<>();
    private final Map<String, Integer> fired = new LinkedHashMap<>();
    private final List<TlcMessage> kept = new ArrayList<>();
    private List<TlcState> collecting;
    private String realViolated;
    private List<TlcState> realTrace;
    private int realExpected = -1;
    private volatile boolean realComplete;
    private volatile long lastRealState;
    private long behaviours;
    private long simulatedStates;
    private long startedNanos;
    private long lastBehaviourNanos;

    /**
     * @param witnessByInvariant generated invariant name to witness name
     * @param realByInvariant    generated invariant name to the cfg's invariant name
     * @param next               also gets every message, progress and line (the CLI's progress printer)
     */
    CheckListener(Map<String, String> witnessByInvariant, Map<String, String> realByInvariant, TlcListener next) {
        this.witnessByInvariant = Map.copyOf(witnessByInvariant);
        this.realByInvariant = Map.copyOf(realByInvariant);
        this.next = next;
    }

    @Override
    public synchronized void onMessage(TlcMessage message) {
        next.onMessage(message);
        int code = message.code();
        if (code == 2185 && startedNanos == 0) {
            startedNanos = System.nanoTime();
        }
        if (code == TlcResultInterpreter.INVARIANT_VIOLATED || code == TlcResultInterpreter.INVARIANT_VIOLATED_INITIALLY) {
            closeTrace();
            Matcher m = VIOLATED.matcher(message.text());
            String name = m.find() ? m.group(1) : "";
            String witness = witnessByInvariant.get(name);
            if (witness != null) {
                collecting = witnessTraces.containsKey(witness) ? null : new ArrayList<>();
                if (collecting != null) {
                    witnessTraces.put(witness, collecting);
                }
            } else if (realViolated == null) {
                realViolated = realByInvariant.getOrDefault(name, name);
                realTrace = new ArrayList<>();
                collecting = realTrace;
                lastRealState = System.nanoTime();
                kept.add(message);
            } else {
                collecting = null;
            }
            if (code == TlcResultInterpreter.INVARIANT_VIOLATED_INITIALLY && collecting != null) {
                String[] lines = message.text().split("\n", -1);
                collecting.add(new TlcState(1, "Initial predicate", "", TlcStateParser.variables(lines, 1)));
                closeTrace();
            }
            return;
        }
        if (code == TlcResultInterpreter.STATE && collecting != null) {
            collecting.add(TlcStateParser.parse(message.text()));
            if (collecting == realTrace) {
                lastRealState = System.nanoTime();
                if (realExpected > 0 && realTrace.size() >= realExpected) {
                    closeTrace();
                }
            }
            return;
        }
        if (code == TlcResultInterpreter.BEHAVIOR_HEADER && collecting != null) {
            return; // the header of the trace being collected
        }
        if (!BETWEEN_STATES.contains(code)) {
            closeTrace();
        }
        kept.add(message);
    }

    private void closeTrace() {
        if (collecting != null && collecting == realTrace) {
            realComplete = true;
        }
        collecting = null;
    }

    @Override
    public void onProgress(TlcProgress progress) {
        next.onProgress(progress);
    }

    @Override
    public synchronized void onLine(String line) {
        next.onLine(line);
        Matcher b = BEHAVIOUR.matcher(line);
        if (b.find()) {
            behaviours++;
            simulatedStates += Long.parseLong(b.group(1));
            lastBehaviourNanos = System.nanoTime();
            return;
        }
        Matcher f = FIRED.matcher(line);
        if (f.find()) {
            fired.merge(f.group(1), Integer.parseInt(f.group(2)), Math::min);
            return;
        }
        Matcher r = REAL.matcher(line);
        if (r.find() && realViolated == null) {
            // the violating state's level as the invariant sees it: its trace has one state more
            realExpected = Integer.parseInt(r.group(2)) + 1;
        }
    }

    /** The stop condition: a real invariant's trace has been read (or TLC has printed nothing more for a while). */
    boolean realViolationComplete() {
        return realComplete || (realTrace != null && System.nanoTime() - lastRealState > QUIET_NANOS);
    }

    synchronized String realViolated() {
        return realViolated;
    }

    synchronized List<TlcState> realTrace() {
        return realTrace == null ? List.of() : List.copyOf(realTrace);
    }

    /** Witness name to its first trace, for the witnesses TLC reported. */
    synchronized Map<String, List<TlcState>> witnessTraces() {
        Map<String, List<TlcState>> copy = new LinkedHashMap<>();
        witnessTraces.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return copy;
    }

    /** Action name to the lowest level it was first seen firing from (1: an initial state). */
    synchronized Map<String, Integer> fired() {
        return new LinkedHashMap<>(fired);
    }

    /** Every message but the witness reports: what the run says once the witnesses are taken out. */
    synchronized List<TlcMessage> keptMessages() {
        return List.copyOf(kept);
    }

    synchronized long behaviours() {
        return behaviours;
    }

    synchronized long simulatedStates() {
        return simulatedStates;
    }

    /** Seconds from TLC's "Starting..." to the last behaviour it began. */
    synchronized double simulatedSeconds() {
        return startedNanos == 0 || lastBehaviourNanos == 0 ? 0 : (lastBehaviourNanos - startedNanos) / 1e9;
    }
}
