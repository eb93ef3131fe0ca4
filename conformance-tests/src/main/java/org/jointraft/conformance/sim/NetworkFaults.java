package org.jointraft.conformance.sim;

/**
 * How the simulated network treats messages: each takes 1..maxDelay ticks; without {@code reorder} every link stays
 * FIFO; each delivery is dropped with {@code dropRate} and copied with {@code duplicateRate}.
 */
public record NetworkFaults(int maxDelay, boolean reorder, double dropRate, double duplicateRate) {

    public NetworkFaults {
        if (maxDelay < 1) {
            throw new IllegalArgumentException("maxDelay must be at least 1 tick, got " + maxDelay);
        }
    }

    /** A reliable FIFO network with delays of 1..maxDelay ticks. */
    public static NetworkFaults reliable(int maxDelay) {
        return new NetworkFaults(maxDelay, false, 0, 0);
    }
}
