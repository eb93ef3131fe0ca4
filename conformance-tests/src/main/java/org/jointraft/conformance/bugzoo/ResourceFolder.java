package org.jointraft.conformance.bugzoo;

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
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The text files under one classpath folder (from a directory in tests, from the CLI jar when shipped), by path
 * relative to that folder. The folder is found through a resource every such folder has ({@code anchor}), so no
 * listing of the whole classpath is needed.
 */
final class ResourceFolder {
    private ResourceFolder() {
    }

    /**
     * @param root   the folder, e.g. {@code "bugzoo"}
     * @param suffix only names ending with it (e.g. {@code ".bug"})
     * @return relative path to UTF-8 text, sorted by path
     */
    static Map<String, String> read(ClassLoader loader, String root, String suffix) {
        String prefix = root + "/";
        Map<String, String> files = new TreeMap<>();
        try {
            for (URL url : java.util.Collections.list(loader.getResources(root))) {
                if ("file".equals(url.getProtocol())) {
                    readDirectory(Path.of(url.toURI()), suffix, files);
                } else if ("jar".equals(url.getProtocol())) {
                    readJar(url, prefix, suffix, files);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the classpath folder " + root, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the classpath folder " + root, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no *" + suffix + " files under the classpath folder " + root
                    + "/ (is the jar built with conformance-tests' pom?)");
        }
        return files;
    }

    private static void readDirectory(Path dir, String suffix, Map<String, String> files) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                if (rel.endsWith(suffix)) {
                    files.putIfAbsent(rel, Files.readString(f, StandardCharsets.UTF_8));
                }
            }
        }
    }

    private static void readJar(URL url, String prefix, String suffix, Map<String, String> files) throws IOException {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                if (!e.isDirectory() && e.getName().startsWith(prefix) && e.getName().endsWith(suffix)) {
                    try (InputStream in = jar.getInputStream(e)) {
                        files.putIfAbsent(e.getName().substring(prefix.length()),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }
}
