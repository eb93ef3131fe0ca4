package org.jointraft.conformance.tlc;

/** What TLC said about one spec variant. */
public record VariantOutcome(SpecVariant variant, TlcResult result) {

    /** True when TLC reported a violation of exactly the invariant the variant expects. */
    public boolean caughtAsExpected() {
        return result instanceof TlcResult.InvariantViolated v && v.invariant().equals(variant.expectedInvariant());
    }

    /** One line for logs and failure messages. */
    public String summary() {
        String got;
        if (result instanceof TlcResult.InvariantViolated v) {
            got = "violated " + v.invariant() + " after " + v.trace().size() + " states";
        } else if (result instanceof TlcResult.Error e) {
            got = "error " + e.kind() + ": " + e.message();
        } else {
            got = result.getClass().getSimpleName().toLowerCase();
        }
        String counted = variant.search().simulate()
                ? String.format("%,d states generated", result.stats().statesGenerated())
                : String.format("%,d distinct states", result.stats().distinctStates());
        return variant.name() + ": expected " + variant.expectedInvariant() + ", TLC (" + variant.search() + " on "
                + variant.cfg() + ") " + got + String.format(" (%.1f s, ", result.stats().seconds()) + counted + ")";
    }
}
