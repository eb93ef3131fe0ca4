package org.jointraft.trace;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Splits a byte stream into '\n'-terminated lines without decoding them, so that Jackson's UTF-8 parser
 * reads straight from the bytes (much cheaper than making a String per line). A line is valid from
 * {@link #start()} for {@link #length()} bytes until the next call to {@link #next()}. A '\r' before the '\n'
 * stays in the line: it is JSON whitespace, so a CRLF line parses like an LF one.
 */
final class ByteLines implements Closeable {

    private final InputStream in;
    private byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private int start;
    private int length;
    private boolean eof;

    ByteLines(InputStream in) {
        this.in = in;
    }

    byte[] buffer() {
        return buf;
    }

    int start() {
        return start;
    }

    int length() {
        return length;
    }

    /** Advances to the next line; false at the end of the stream. */
    boolean next() throws IOException {
        int scan = pos;
        while (true) {
            while (scan < limit) {
                if (buf[scan] == '\n') {
                    setLine(pos, scan);
                    pos = scan + 1;
                    return true;
                }
                scan++;
            }
            if (eof) {
                if (pos == limit) {
                    return false;
                }
                setLine(pos, limit); // a last line without '\n'
                pos = limit;
                return true;
            }
            scan -= pos;
            fill();
        }
    }

    private void setLine(int from, int to) {
        start = from;
        length = to - from;
    }

    /** Moves the unread part to the front (growing the buffer for long lines) and reads more. */
    private void fill() throws IOException {
        int unread = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, unread);
        } else if (unread == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        pos = 0;
        limit = unread;
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
        } else {
            limit += n;
        }
    }

    boolean isBlank() {
        for (int i = start; i < start + length; i++) {
            byte b = buf[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
