package org.jointraft.conformance.tlc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Lists and copies the classpath resources under one folder, from directories (test runs, IDEs)
 * and from jars (~/.m2 artifacts, the shaded CLI jar) alike. Jars without directory entries are
 * found through their manifests, which every jar on the classpath has.
 */
final class ClasspathResources {
    private ClasspathResources() { }

    /** Resource names under {@code root} (e.g. "tla/JointRaft.tla"), sorted; sub-folders included. */
    static Set<String> list(ClassLoader loader, String root) {
        String prefix = root.endsWith("/") ? root : root + "/";
        Set<String> names = new TreeSet<>();
        try {
            Set<URL> containers = new LinkedHashSet<>();
            containers.addAll(java.util.Collections.list(loader.getResources(prefix)));
            containers.addAll(java.util.Collections.list(loader.getResources("META-INF/MANIFEST.MF")));
            for (URL url : containers) {
                if ("file".equals(url.getProtocol()) && url.getPath().endsWith("/" + prefix)) {
                    listDirectory(Path.of(url.toURI()), prefix, names);
                } else if ("jar".equals(url.getProtocol())) {
                    listJar(url, prefix, names);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list classpath resources under " + prefix, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot list classpath resources under " + prefix, e);
        }
        return names;
    }

    /** Copies every resource under {@code root} into {@code target}, keeping paths relative to the root. */
    static int copy(ClassLoader loader, String root, Path target) throws IOException {
        String prefix = root.endsWith("/") ? root : root + "/";
        int copied = 0;
        for (String name : list(loader, root)) {
            Path file = target.resolve(name.substring(prefix.length()));
            Files.createDirectories(file.getParent());
            try (InputStream in = loader.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IOException("classpath resource " + name + " disappeared while copying");
                }
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            copied++;
        }
        return copied;
    }

    private static void listDirectory(Path dir, String prefix, Set<String> names) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(Files::isRegularFile)
                    .forEach(f -> names.add(prefix + dir.relativize(f).toString().replace('\\', '/')));
        }
    }

    private static void listJar(URL url, String prefix, Set<String> names) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (!entry.isDirectory() && entry.getName().startsWith(prefix)) {
                    names.add(entry.getName());
                }
            }
        }
    }
}
