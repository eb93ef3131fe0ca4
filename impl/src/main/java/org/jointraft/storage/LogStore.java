package org.jointraft.storage;

import java.io.Closeable;
import java.io.IOException;
import org.jointraft.core.DurableState;
import org.jointraft.core.Ready;

/**
 * A node's durable state (current term, votedFor and log), written from its {@link Ready} outputs. The driver's
 * rule: {@link #persist} every Ready, then one {@link #sync} before any message of those Readys leaves; one sync may
 * cover several Readys (group commit). What was persisted but not synced may be lost, in part or whole, by a crash;
 * what a sync covered never is. Not thread-safe: one driver thread uses a store.
 */
public interface LogStore extends Closeable {

    /**
     * Writes the Ready's hard state (if changed) and log change (drop every entry at or after
     * {@code persistLogFrom}, then append {@code persistEntries}). Not durable until the next {@link #sync}.
     *
     * @throws IllegalStateException if {@code persistLogFrom} leaves a gap after the last entry
     */
    void persist(Ready ready) throws IOException;

    /** Makes everything persisted so far durable (fsync). */
    void sync() throws IOException;

    /** The state as this process sees it now: everything persisted, synced or not. */
    DurableState load() throws IOException;

    /** The index of the last log entry (0 for an empty log). */
    long lastIndex();

    /** Releases the files. Does not sync: what was not synced stays at risk, as in a crash. */
    @Override
    void close() throws IOException;
}
