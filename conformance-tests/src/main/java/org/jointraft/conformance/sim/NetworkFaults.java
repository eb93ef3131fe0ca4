package org.jointraft.conformance.sim;

/**
 * How the simulated network treats messages: each takes 1..maxDelay ticks, or with {@code slowRate} it is slow and
 * takes {@code maxDelay + 1 .. maxDelay + slowDelay}; without {@code reorder} every link stays FIFO (a slow message
 * holds back the ones behind it); each delivery is dropped with {@code dropRate} and copied with
 * {@code duplicateRate}.
 */
public record NetworkFaults(int maxDelay, boolean reorder, double dropRate, double duplicateRate, double slowRate,
        int slowDelay) {

    public NetworkFaults {
        if (maxDelay < 1) {
            throw new IllegalArgumentException("maxDelay must be at least 1 tick, got " + maxDelay);
        }
        if (slowDelay < 1) {
            throw new IllegalArgumentException("slowDelay must be at least 1 tick, got " + slowDelay);
        }
    }

    /** No slow messages. */
    public NetworkFaults(int maxDelay, boolean reorder, double dropRate, double duplicateRate) {
        this(maxDelay, reorder, dropRate, duplicateRate, 0, 1);
    }

    /** A reliable FIFO network with delays of 1..maxDelay ticks. */
    public static NetworkFaults reliable(int maxDelay) {
        return new NetworkFaults(maxDelay, false, 0, 0);
    }
}
