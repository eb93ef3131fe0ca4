package org.jointraft.conformance.validate;

import tlc2.overrides.TLAPlusOperator;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;

/**
 * A Java body for JointRaft.tla's {@code ScanMembers(lg, k, floor)}, used in trace validation only
 * (TLCOverrides offers it when the forked JVM has {@value #PROPERTY}=true). TLC evaluates the TLA+
 * recursion with a context that grows with every call, so scanning back d entries costs O(d^2) there;
 * this scan is O(d) and computes the same value: the largest index j in floor+1..k whose entry has kind
 * "member", or 0 (the scan stops at a node's snapshot index, so compaction bounds it too). Model checking
 * never enables it, so spec variants are always checked as written.
 */
public final class FastLogScan {
    /** The system property that makes TLCOverrides offer this override. */
    public static final String PROPERTY = "jointraft.trace.fastLogScan";

    private static final StringValue KIND = new StringValue("kind");
    private static final StringValue MEMBER = new StringValue("member");

    private FastLogScan() { }

    @TLAPlusOperator(identifier = "ScanMembers", module = "JointRaft", warn = false)
    public static Value scanMembers(Value lg, Value k, Value floor) {
        TupleValue log = lg instanceof TupleValue t ? t : (TupleValue) lg.toTuple();
        if (log == null) {
            throw new IllegalArgumentException("ScanMembers: the first argument is not a sequence: " + lg);
        }
        int from = ((IntValue) k).val;
        int stop = Math.max(0, ((IntValue) floor).val);
        if (from > log.size()) {
            throw new IllegalArgumentException("ScanMembers: index " + from + " is beyond the log's length " + log.size());
        }
        for (int j = from; j > stop; j--) {
            Value kind = ((RecordValue) log.elems[j - 1]).select(KIND);
            if (MEMBER.equals(kind)) {
                return IntValue.gen(j);
            }
        }
        return IntValue.gen(0);
    }
}
