package org.jointraft.conformance.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.jointraft.conformance.sim.Fault;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.conformance.sim.Simulator;

/** Simulator traces for the validation tests: 5 nodes (voters 1..3), every fault, frequent membership calls. */
final class SimTraces {
    static final int SEEDS = 40;

    private SimTraces() { }

    static SimOptions options(long seed) {
        // without snapshots: the edits and the differences the tests expect were measured on those runs
        return SimOptions.defaults(seed).withNodes(5).withVoters(3).withSteps(300).withFaults(Fault.all())
                .withMembershipRate(0.05).withSnapshotRate(0);
    }

    static Path write(Path dir, long seed) {
        Path file = dir.resolve("sim-" + seed + ".ndjson");
        try {
            Simulator.run(options(seed).withTrace(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The first edit {@code attempt} makes of a simulator trace, trying seeds 1, 2, ... until one trace has
     * what the edit needs (the attempt returns empty when it does not).
     */
    static <T> T firstEdit(Path dir, Function<TraceEdit, Optional<T>> attempt) {
        for (long seed = 1; seed <= SEEDS; seed++) {
            try {
                Optional<T> made = attempt.apply(TraceEdit.of(write(dir, seed)));
                if (made.isPresent()) {
                    return made.get();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new AssertionError("none of the first " + SEEDS + " simulator traces has what this edit needs");
    }
}
