package org.jointraft.conformance.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The one classpath scanner: lists, reads and copies the resources under one folder, from directories (test runs,
 * IDEs) and from jars (Maven artifacts, the shaded CLI jar) alike. Jars without directory entries are found through
 * their manifests, which every jar on the classpath has. Where a name is in several places, the first on the
 * classpath wins, as with {@link ClassLoader#getResource}.
 */
public final class ClasspathResources {
    private ClasspathResources() { }

    /** Resource names under {@code root} (e.g. "tla/JointRaft.tla"), sorted; sub-folders included. */
    public static Set<String> list(ClassLoader loader, String root) {
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
    public static int copy(ClassLoader loader, String root, Path target) throws IOException {
        String prefix = root.endsWith("/") ? root : root + "/";
        int copied = 0;
        for (String name : list(loader, root)) {
            Path file = target.resolve(name.substring(prefix.length()));
            Files.createDirectories(file.getParent());
            try (InputStream in = open(loader, name)) {
                Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            copied++;
        }
        return copied;
    }

    /**
     * The UTF-8 text of every resource under {@code root} whose name ends with {@code suffix}, by path relative to
     * the root, sorted by path.
     */
    public static Map<String, String> readText(ClassLoader loader, String root, String suffix) {
        String prefix = root.endsWith("/") ? root : root + "/";
        Map<String, String> files = new TreeMap<>();
        for (String name : list(loader, root)) {
            if (name.endsWith(suffix)) {
                try (InputStream in = open(loader, name)) {
                    files.put(name.substring(prefix.length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read classpath resource " + name, e);
                }
            }
        }
        return files;
    }

    private static InputStream open(ClassLoader loader, String name) throws IOException {
        InputStream in = loader.getResourceAsStream(name);
        if (in == null) {
            throw new IOException("classpath resource " + name + " disappeared while being read");
        }
        return in;
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
