package tlc2.overrides;

import org.jointraft.conformance.validate.FastLogScan;
import org.jointraft.conformance.validate.TraceIO;

/**
 * TLC looks up exactly this class name for Java operator overrides. It must sit on the classpath of the
 * JVM that runs TLC (the forked one of {@link org.jointraft.conformance.tlc.TlcDriver}), so that TLC's own
 * class loader loads it together with the classes it names. {@link FastLogScan} replaces a spec operator,
 * so it is offered only to trace-validation runs, which set its system property.
 */
public final class TLCOverrides implements ITLCOverrides {

    @Override
    public Class[] get() {
        if (Boolean.getBoolean(FastLogScan.PROPERTY)) {
            return new Class[] {TraceIO.class, FastLogScan.class};
        }
        return new Class[] {TraceIO.class};
    }
}
