package org.jointraft.trace;

import java.util.function.Consumer;

/** Where trace events go: a {@link TraceWriter}, or a list in tests ({@code events::add}). */
@FunctionalInterface
public interface TraceSink extends Consumer<TraceEvent> {
    @Override
    void accept(TraceEvent event);
}
