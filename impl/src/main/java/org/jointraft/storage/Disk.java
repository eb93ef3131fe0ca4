package org.jointraft.storage;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/**
 * The file operations of a {@link FileLogStore}, on the files of one directory (plain names, no paths). The real one
 * is {@link RealDisk}; tests put one in between that crashes at a chosen operation and keeps only what a real disk
 * could have kept.
 */
public interface Disk {

    /** The names of the files in the directory, in no particular order. */
    List<String> list() throws IOException;

    /** The whole content of a file. */
    byte[] read(String name) throws IOException;

    /** Opens a file for writing, creating it empty if missing. */
    File open(String name) throws IOException;

    /** Replaces {@code to} with {@code from} atomically (a crash leaves one or the other, whole). */
    void rename(String from, String to) throws IOException;

    void delete(String name) throws IOException;

    /** Makes the directory's entries (created, renamed, deleted files) durable. */
    void syncDirectory() throws IOException;

    /** How errors name the file: its path on a real disk. */
    default String describe(String name) {
        return name;
    }

    /** A file open for writing. */
    interface File extends Closeable {

        long size() throws IOException;

        void write(long position, byte[] bytes) throws IOException;

        void truncate(long size) throws IOException;

        /** Makes the file's content and size durable (fsync). */
        void force() throws IOException;
    }
}
