package org.jointraft.conformance.validate;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jointraft.trace.TraceCursor;
import org.jointraft.trace.TraceReader;

/**
 * A stand-in for TLC in tests of what a hunt does with its verdicts: rejects every trace of at least
 * {@code rejectFrom} events at its first event, so that a shrink has something to find (the fewest steps that still
 * give that many events), and runs {@code beforeJudging} first (to hold two hunts at the same point, or to break the
 * output folder under a running hunt).
 */
public final class EventCountJudge implements Hunt.Judge {
    /** What runs before each call of {@link #validate}. */
    public interface Hook {
        void run(List<Path> traces) throws IOException;
    }

    private final int rejectFrom;
    private final Hook beforeJudging;
    private final AtomicInteger calls = new AtomicInteger();

    public EventCountJudge(int rejectFrom, Hook beforeJudging) {
        this.rejectFrom = rejectFrom;
        this.beforeJudging = beforeJudging;
    }

    public EventCountJudge(int rejectFrom) {
        this(rejectFrom, traces -> { });
    }

    /** How often {@link #validate} was called. */
    public int calls() {
        return calls.get();
    }

    @Override
    public List<Verdict> validate(List<Path> traces) throws IOException {
        calls.incrementAndGet();
        beforeJudging.run(traces);
        List<Verdict> verdicts = new ArrayList<>();
        for (Path t : traces) {
            int events = 0;
            String first = "";
            try (TraceCursor cursor = new TraceReader().open(t)) {
                while (cursor.hasNext()) {
                    String event = cursor.next().toString();
                    first = events == 0 ? event : first;
                    events++;
                }
            }
            verdicts.add(events < rejectFrom ? new Verdict(t, events, true, Optional.empty(), 0.01)
                    : new Verdict(t, events, false, Optional.of(new Diagnosis(1, first, 1, "Timeout", Map.of("term", "1"),
                    List.of("atMost" + rejectFrom + "Events"), List.of())), 0.01));
        }
        return verdicts;
    }
}
