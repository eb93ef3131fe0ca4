package org.jointraft.conformance.io;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The main class of every child JVM ({@link ChildJvm}): {@code ParentWatch MAIN ARGS...} runs {@code MAIN ARGS...}
 * and halts the JVM when its standard input ends. The parent holds the other end of that pipe and never writes
 * or closes it while the child should run; when the parent dies, even by SIGKILL, the kernel closes it, the read
 * here returns end-of-file, and the child stops instead of working on for nobody.
 */
public final class ParentWatch {
    /** The exit code of a child whose parent died (128 + SIGHUP, as if the terminal had hung up). */
    static final int ORPHANED = 129;

    private ParentWatch() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: ParentWatch MAIN-CLASS [ARGS...]");
            System.exit(2);
        }
        Thread watch = new Thread(() -> haltAtEndOf(System.in), "parent-watch");
        watch.setDaemon(true);
        watch.start();
        Method main;
        try {
            main = Class.forName(args[0]).getMethod("main", String[].class);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            // the java launcher's own words, which callers recognise
            System.err.println("Error: Could not find or load main class " + args[0]);
            System.exit(1);
            return;
        }
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static void haltAtEndOf(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the parent writes nothing; a byte would be a mistake, not a reason to stop
            }
        } catch (IOException e) {
            // a broken pipe is a dead parent too
        }
        Runtime.getRuntime().halt(ORPHANED);
    }
}
