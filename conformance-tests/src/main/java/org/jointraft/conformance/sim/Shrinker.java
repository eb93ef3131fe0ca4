package org.jointraft.conformance.sim;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * Makes a failing run smaller while it still fails: fewer steps (a binary search, since a shorter run is a prefix of
 * the longer one), fewer fault kinds, lower rates, fewer spare nodes; repeated until nothing more helps, the attempt
 * budget is spent or the time is up. The seed is kept, so the result replays exactly. Every candidate the shrinker
 * keeps has failed, so stopping early still gives a failing run, just a larger one.
 */
public final class Shrinker {

    /** At most this many runs of the predicate. */
    public static final int DEFAULT_BUDGET = 200;

    /** Why a shrink ended. */
    public enum End {
        /** No smaller candidate it tries fails. */
        NOTHING_SMALLER_FAILS,
        /** It tried as many candidates as it was allowed. */
        CANDIDATES_SPENT,
        /** Its time was up. */
        TIME_UP
    }

    /** The smallest failing options found, the candidates tried and why the search ended. */
    public record Result(SimOptions smallest, int candidates, End end) { }

    private final Predicate<SimOptions> stillFails;
    private final int budget;
    private final BooleanSupplier timeUp;
    private int attempts;
    private End end = End.NOTHING_SMALLER_FAILS;

    private Shrinker(Predicate<SimOptions> stillFails, int budget, BooleanSupplier timeUp) {
        this.stillFails = stillFails;
        this.budget = budget;
        this.timeUp = timeUp;
    }

    /** {@link #shrink(SimOptions, Predicate, int)} with the default budget. */
    public static SimOptions shrink(SimOptions failing, Predicate<SimOptions> stillFails) {
        return shrink(failing, stillFails, DEFAULT_BUDGET);
    }

    /**
     * A smaller version of {@code failing} for which {@code stillFails} holds ({@code failing} itself when nothing
     * smaller fails). {@code failing} must fail: that is checked first (one of the {@code budget} attempts).
     *
     * @throws IllegalArgumentException when {@code failing} does not fail
     */
    public static SimOptions shrink(SimOptions failing, Predicate<SimOptions> stillFails, int budget) {
        if (budget < 1 || !stillFails.test(failing)) {
            throw new IllegalArgumentException("the run to shrink does not fail: " + failing.format() + " seed "
                    + failing.seed());
        }
        return shrinkFailing(failing, stillFails, budget - 1, () -> false).smallest();
    }

    /**
     * Shrinks {@code failing}, which the caller has seen fail (it is not run again), trying at most {@code budget}
     * candidates and none once {@code timeUp} says so (asked before each candidate).
     */
    public static Result shrinkFailing(SimOptions failing, Predicate<SimOptions> stillFails, int budget,
            BooleanSupplier timeUp) {
        Shrinker s = new Shrinker(stillFails, budget, timeUp);
        SimOptions current = failing;
        for (int round = 0; round < 4; round++) {
            SimOptions before = current;
            current = s.fewerSteps(current);
            current = s.fewerFaults(current);
            current = s.lowerRates(current);
            current = s.fewerNodes(current);
            if (current.equals(before)) {
                break;
            }
        }
        return new Result(current, s.attempts, s.end);
    }

    private boolean fails(SimOptions o) {
        if (end != End.NOTHING_SMALLER_FAILS) {
            return false;
        }
        if (attempts >= budget) {
            end = End.CANDIDATES_SPENT;
            return false;
        }
        if (timeUp.getAsBoolean()) {
            end = End.TIME_UP;
            return false;
        }
        attempts++;
        return stillFails.test(o);
    }

    /** Binary search for the fewest steps that still fail; {@code hi} always fails. */
    private SimOptions fewerSteps(SimOptions o) {
        int lo = 0;
        int hi = o.steps();
        while (lo < hi) {
            int mid = lo + (hi - lo) / 2;
            if (fails(o.withSteps(mid))) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return o.withSteps(hi);
    }

    private SimOptions fewerFaults(SimOptions o) {
        SimOptions current = o;
        for (Fault f : Fault.values()) {
            if (current.faults().contains(f)) {
                Set<Fault> fewer = EnumSet.copyOf(current.faults());
                fewer.remove(f);
                SimOptions candidate = current.withFaults(fewer);
                if (fails(candidate)) {
                    current = candidate;
                }
            }
        }
        return current;
    }

    private SimOptions lowerRates(SimOptions o) {
        SimOptions c = o;
        c = lower(c, c.writeRate(), SimOptions::withWriteRate);
        c = lower(c, c.membershipRate(), SimOptions::withMembershipRate);
        // a pair of equal rates (the --message-fault-rate and --node-fault-rate shorthands) is lowered as one
        if (c.dropRate() == c.duplicateRate()) {
            c = lower(c, c.dropRate(), SimOptions::withMessageFaultRate);
        } else {
            c = lower(c, c.dropRate(), SimOptions::withDropRate);
            c = lower(c, c.duplicateRate(), SimOptions::withDuplicateRate);
        }
        if (c.partitionRate() == c.crashRate()) {
            c = lower(c, c.partitionRate(), SimOptions::withNodeFaultRate);
        } else {
            c = lower(c, c.partitionRate(), SimOptions::withPartitionRate);
            c = lower(c, c.crashRate(), SimOptions::withCrashRate);
        }
        c = lower(c, c.slowRate(), SimOptions::withSlowRate);
        c = lower(c, c.inPlaceRate(), SimOptions::withInPlaceRate);
        c = lower(c, c.snapshotRate(), SimOptions::withSnapshotRate); // a failure without snapshots is simpler
        return c;
    }

    private interface RateSetter {
        SimOptions with(SimOptions o, double rate);
    }

    /** Tries rate 0, then halving a few times; keeps the lowest that still fails. */
    private SimOptions lower(SimOptions o, double rate, RateSetter setter) {
        if (rate == 0) {
            return o;
        }
        SimOptions zero = setter.with(o, 0);
        if (fails(zero)) {
            return zero;
        }
        SimOptions best = o;
        double r = rate;
        for (int k = 0; k < 3; k++) {
            r /= 2;
            SimOptions candidate = setter.with(o, r);
            if (!fails(candidate)) {
                break;
            }
            best = candidate;
        }
        return best;
    }

    /** Drops spare nodes from the top (voters stay). */
    private SimOptions fewerNodes(SimOptions o) {
        SimOptions current = o;
        while (current.nodes() > current.voters()) {
            SimOptions candidate = current.withNodes(current.nodes() - 1);
            if (!fails(candidate)) {
                break;
            }
            current = candidate;
        }
        return current;
    }
}
