package org.jointraft.conformance.bugzoo;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jointraft.conformance.io.ShutdownCleanup;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The impl compiled with one bug: the sources with the bug's blocks applied are written to {@code work/src} and
 * compiled with the JDK's compiler into {@code work/classes}, a folder to put before the normal impl on a classpath.
 */
public final class PatchedImpl {
    private PatchedImpl() {
    }

    /** Applies {@code bug} to {@code sources} and compiles them; returns the classes folder. */
    public static Path build(Bug bug, Map<String, String> sources, Path work) throws IOException {
        Map<String, String> patched = bug.applyTo(sources);
        Path src = work.resolve("src");
        Path classes = work.resolve("classes");
        Files.createDirectories(classes);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> e : patched.entrySet()) {
            ShutdownCleanup.JVM.checkNotStopping(); // else the loop would re-create the folder the hook deleted
            Path file = src.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler in " + System.getProperty("java.home")
                    + ": the bug zoo needs a JDK, not a JRE");
        }
        StringWriter messages = new StringWriter();
        List<String> options = List.of("--release", "17", "-nowarn", "-encoding", "UTF-8", "-d", classes.toString());
        boolean ok;
        try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, StandardCharsets.UTF_8);
             JavaFileManager stoppable = new StoppableOutput(fm)) {
            ok = javac.getTask(messages, stoppable, null, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
        }
        if (!ok) {
            throw new BugFormatException("bug " + bug.name() + ": the patched impl does not compile:\n" + messages);
        }
        return classes;
    }

    /** Ends the compile when the JVM is stopping, so that javac writes no class file into a deleted folder. */
    private static final class StoppableOutput extends ForwardingJavaFileManager<JavaFileManager> {
        StoppableOutput(JavaFileManager fm) {
            super(fm);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                                                   FileObject sibling) throws IOException {
            if (ShutdownCleanup.JVM.stopping()) {
                throw new IOException("compile stopped: jointraft is stopping");
            }
            return super.getJavaFileForOutput(location, className, kind, sibling);
        }
    }
}
