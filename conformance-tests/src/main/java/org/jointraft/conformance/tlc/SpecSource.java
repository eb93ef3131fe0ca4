package org.jointraft.conformance.tlc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;
import org.jointraft.conformance.io.ClasspathResources;

/** Where the .tla and .cfg files of a run come from. They are always copied, never used in place. */
public sealed interface SpecSource {

    /** The project's spec: the {@code tla/} resources of the jointraft-spec artifact. */
    static SpecSource projectSpec() {
        return classpath("tla");
    }

    /** Every classpath resource under {@code root} (a folder name such as "tla"). */
    static SpecSource classpath(String root) {
        return new Classpath(root, SpecSource.class.getClassLoader());
    }

    /** Every file in (and below) a directory on disk. */
    static SpecSource directory(Path dir) {
        return new Directory(dir);
    }

    /** Copies the files into {@code target}; fails when there is nothing to copy. */
    void copyTo(Path target) throws IOException;

    /** File names relative to the source's root ("MCJointRaft_faq.cfg", "variants/ApplyOnCommit.variant"). */
    Set<String> fileNames();

    /** The text (UTF-8) of one file, named as in {@link #fileNames()}. */
    String read(String name);

    record Classpath(String root, ClassLoader loader) implements SpecSource {
        @Override
        public void copyTo(Path target) throws IOException {
            if (ClasspathResources.copy(loader, root, target) == 0) {
                throw new TlcSetupException("no spec files on the classpath under '" + root
                        + "/' (is the jointraft-spec artifact built and on the classpath?)");
            }
        }

        @Override
        public Set<String> fileNames() {
            String prefix = root.endsWith("/") ? root : root + "/";
            Set<String> names = new java.util.TreeSet<>();
            ClasspathResources.list(loader, root).forEach(n -> names.add(n.substring(prefix.length())));
            return names;
        }

        @Override
        public String read(String name) {
            String resource = (root.endsWith("/") ? root : root + "/") + name;
            try (java.io.InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new TlcSetupException("spec file " + name + " is not on the classpath under '" + root + "/'");
                }
                return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new TlcSetupException("cannot read classpath resource " + resource + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return "classpath:" + root + "/";
        }
    }

    record Directory(Path dir) implements SpecSource {
        @Override
        public void copyTo(Path target) throws IOException {
            if (!Files.isDirectory(dir)) {
                throw new TlcSetupException("spec directory " + dir + " does not exist");
            }
            for (String name : fileNames()) {
                Path file = target.resolve(name);
                Files.createDirectories(file.getParent());
                Files.copy(dir.resolve(name), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }

        @Override
        public Set<String> fileNames() {
            Set<String> names = new java.util.TreeSet<>();
            if (!Files.isDirectory(dir)) {
                return names;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.filter(Files::isRegularFile)
                        .forEach(f -> names.add(dir.relativize(f).toString().replace('\\', '/')));
            } catch (IOException e) {
                throw new TlcSetupException("cannot list spec directory " + dir + ": " + e.getMessage(), e);
            }
            return names;
        }

        @Override
        public String read(String name) {
            Path file = dir.resolve(name);
            try {
                return Files.readString(file);
            } catch (java.nio.file.NoSuchFileException e) {
                throw new TlcSetupException("spec file " + name + " does not exist in " + dir, e);
            } catch (IOException e) {
                throw new TlcSetupException("cannot read spec file " + file + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return dir.toString();
        }
    }
}
