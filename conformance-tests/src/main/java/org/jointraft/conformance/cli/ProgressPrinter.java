package org.jointraft.conformance.cli;

import java.io.PrintWriter;
import org.jointraft.conformance.tlc.TlcListener;
import org.jointraft.conformance.tlc.TlcProgress;

/** Prints TLC's progress reports, one line each, for a person watching a long run. */
final class ProgressPrinter implements TlcListener {
    private final PrintWriter err;
    private final String label;

    ProgressPrinter(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    @Override
    public void onProgress(TlcProgress p) {
        err.printf("%s: %,d states, %,d distinct, %,d on queue, %,d states/min, depth %d%n",
                label, p.statesGenerated(), p.distinctStates(), p.queue(), p.statesPerMinute(), p.depth());
        err.flush();
    }
}
