package org.jointraft.storage;

import java.io.IOException;

/**
 * A store could not be opened because a file holds something no crash can explain: a bad record with valid data
 * after it, a bad record in a segment that is not the last, a bad header, a gap in the segments. Names the file and
 * the byte offset, so that nothing committed is dropped silently.
 */
public final class CorruptLogException extends IOException {

    private final String file;
    private final long offset;

    public CorruptLogException(String file, long offset, String problem) {
        super(file + ", byte offset " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /** The file, as its {@link Disk} names it (a path on a real disk). */
    public String file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}
