package org.jointraft.storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Disk} in memory that remembers, apart from what reads see, what is durable: a file's bytes as of its
 * last force, the directory's names as of its last sync. It can crash at its n-th changing operation (create,
 * write, truncate, force, rename, delete, directory sync), optionally performing a prefix of that write first (a
 * torn write), and then give the disk a restarted process would find: {@link #lostUnsynced} (only what was made
 * durable) or {@link #keptWritten} (everything written before the crash reached the platter).
 */
final class FaultyDisk implements Disk {

    /** Thrown by the operation the disk crashed at, and by every one after. */
    static final class Crash extends IOException {
        Crash(String at) {
            super("simulated crash at " + at);
        }
    }

    private static final class Node {
        byte[] durable = new byte[0];
        byte[] current = new byte[0];
    }

    private final Map<String, Node> names = new HashMap<>();
    private Map<String, Node> durableNames = new HashMap<>();
    private int operations;
    private int crashAt = -1;
    private int tornBytes = -1;
    private boolean crashed;
    private final List<String> history = new ArrayList<>();

    /** Crash at the {@code operation}-th changing operation (0 first); with {@code tornBytes >= 0}, a write keeps that
     * many of its bytes first. */
    void crashAt(int operation, int tornBytes) {
        this.crashAt = operation;
        this.tornBytes = tornBytes;
    }

    /** Changing operations so far, and what they were. */
    int operations() {
        return operations;
    }

    List<String> history() {
        return history;
    }

    boolean crashed() {
        return crashed;
    }

    /** The disk after a crash that lost everything not made durable. */
    FaultyDisk lostUnsynced() {
        FaultyDisk after = new FaultyDisk();
        durableNames.forEach((name, node) -> after.put(name, node.durable));
        return after;
    }

    /** The disk after a crash that lost nothing written before it. */
    FaultyDisk keptWritten() {
        FaultyDisk after = new FaultyDisk();
        names.forEach((name, node) -> after.put(name, node.current));
        return after;
    }

    /**
     * The disk after a crash that lost everything not made durable, except that {@code name} (durable itself) kept
     * the first {@code length} bytes of what was written to it: a torn write at any byte of the unsynced tail.
     */
    FaultyDisk lostUnsyncedBut(String name, int length) {
        FaultyDisk after = lostUnsynced();
        after.put(name, Arrays.copyOf(names.get(name).current, length));
        return after;
    }

    /** How many bytes of a file are durable. */
    int durableLength(String name) {
        return names.get(name).durable.length;
    }

    /** A file's bytes, as reads see them. */
    byte[] bytes(String name) {
        return names.get(name).current.clone();
    }

    /** Sets a file's bytes, durably (damage done while nobody was looking). */
    void put(String name, byte[] bytes) {
        Node node = names.computeIfAbsent(name, n -> new Node());
        node.current = bytes.clone();
        node.durable = bytes.clone();
        durableNames.put(name, node);
    }

    @Override
    public List<String> list() throws IOException {
        checkUp();
        return new ArrayList<>(names.keySet());
    }

    @Override
    public byte[] read(String name) throws IOException {
        checkUp();
        Node node = names.get(name);
        if (node == null) {
            throw new IOException("no file " + name);
        }
        return node.current.clone();
    }

    @Override
    public File open(String name) throws IOException {
        checkUp();
        if (!names.containsKey(name)) {
            step("create " + name);
            names.put(name, new Node());
        }
        Node node = names.get(name);
        return new File() {
            @Override
            public long size() {
                return node.current.length;
            }

            @Override
            public void write(long position, byte[] bytes) throws IOException {
                if (operations == crashAt && tornBytes >= 0) {
                    splice(node, position, Arrays.copyOf(bytes, Math.min(tornBytes, bytes.length)));
                }
                step("write " + name + " @" + position + " +" + bytes.length);
                splice(node, position, bytes);
            }

            @Override
            public void truncate(long size) throws IOException {
                step("truncate " + name + " to " + size);
                node.current = Arrays.copyOf(node.current, (int) Math.min(size, node.current.length));
            }

            @Override
            public void force() throws IOException {
                step("force " + name);
                node.durable = node.current.clone();
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void rename(String from, String to) throws IOException {
        checkUp();
        step("rename " + from + " to " + to);
        names.put(to, names.remove(from));
    }

    @Override
    public void delete(String name) throws IOException {
        checkUp();
        step("delete " + name);
        names.remove(name);
    }

    @Override
    public void syncDirectory() throws IOException {
        checkUp();
        step("sync directory");
        durableNames = new HashMap<>(names);
    }

    private static void splice(Node node, long position, byte[] bytes) {
        int end = (int) position + bytes.length;
        if (end > node.current.length) {
            node.current = Arrays.copyOf(node.current, end);
        }
        System.arraycopy(bytes, 0, node.current, (int) position, bytes.length);
    }

    private void step(String what) throws Crash {
        checkUp();
        if (operations == crashAt) {
            crashed = true;
            throw new Crash(what);
        }
        operations++;
        history.add(what);
    }

    private void checkUp() throws Crash {
        if (crashed) {
            throw new Crash("(already crashed)");
        }
    }
}
