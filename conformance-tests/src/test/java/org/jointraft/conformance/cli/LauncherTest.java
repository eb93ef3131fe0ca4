package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./jointraft} launcher, run on a tiny fake checkout (its own copy of the script, a pom and one source
 * file) with stub {@code mvn} and {@code java} scripts that only log their calls: the stub build sleeps, then writes
 * the jar. Checked: two first calls at once build once and both run (with flock(1), and with the mkdir lock used where
 * flock is missing), a mkdir lock left by a dead process is removed, and JAVA_HOME chooses the java.
 */
class LauncherTest {
    /** The tools the launcher needs besides flock, for a PATH without flock. */
    private static final List<String> TOOLS = List.of("bash", "dirname", "readlink", "find", "mkdir", "rm", "cat", "sleep");

    @TempDir
    Path dir;

    private Path checkout;
    private Path jar;
    private Path log;
    private Path stubs;

    @BeforeEach
    void fakeCheckoutAndStubs() throws IOException {
        checkout = dir.resolve("checkout");
        Files.createDirectories(checkout.resolve("conformance-tests/src/main/java"));
        Files.copy(Path.of("../jointraft"), checkout.resolve("jointraft"));
        Files.writeString(checkout.resolve("pom.xml"), "<project/>\n");
        Files.writeString(checkout.resolve("conformance-tests/pom.xml"), "<project/>\n");
        Files.writeString(checkout.resolve("conformance-tests/src/main/java/A.java"), "class A { }\n");
        jar = checkout.resolve("conformance-tests/target/jointraft.jar");
        log = dir.resolve("calls.log");
        stubs = dir.resolve("stubs");
        script(stubs.resolve("mvn"), "echo \"mvn $*\" >> " + log + "\nsleep 2\nmkdir -p conformance-tests/target\n"
                + "echo jar > conformance-tests/target/jointraft.jar\n");
        script(stubs.resolve("java"), "echo \"path-java $*\" >> " + log + "\n");
    }

    private static void script(Path file, String body) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#!/bin/sh\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A PATH of the stubs and the system's tools: the whole system PATH, or only {@link #TOOLS} (so no flock). */
    private String path(boolean withFlock) throws IOException {
        if (withFlock) {
            return stubs + File.pathSeparator + System.getenv("PATH");
        }
        Path tools = dir.resolve("tools");
        Files.createDirectories(tools);
        for (String tool : TOOLS) {
            Path found = Arrays.stream(System.getenv("PATH").split(File.pathSeparator)).map(p -> Path.of(p, tool))
                    .filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(tool + "?"));
            script(tools.resolve(tool), "exec " + found + " \"$@\"\n");
        }
        return stubs + File.pathSeparator + tools;
    }

    private Process start(String path, String javaHome, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(checkout.resolve("jointraft").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.remove("JOINTRAFT_JAVA_OPTS");
        env.put("PATH", path);
        if (javaHome == null) {
            env.remove("JAVA_HOME");
        } else {
            env.put("JAVA_HOME", javaHome);
        }
        return pb.start();
    }

    /** Waits for {@code p}; its exit code and standard error. */
    private static Result finish(Process p) throws Exception {
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Result(p.exitValue(), err);
    }

    private record Result(int exitCode, String err) {
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    private void concurrentFirstCallsBuildOnceAndBothRun(boolean withFlock) throws Exception {
        String path = path(withFlock);
        Process first = start(path, null, "--version");
        Process second = start(path, null, "--version");
        Result a = finish(first);
        Result b = finish(second);

        assertThat(a.exitCode()).as(a.err()).isZero();
        assertThat(b.exitCode()).as(b.err()).isZero();
        assertThat(calls()).containsOnlyOnce("mvn -B -q -DskipTests package")
                .containsExactlyInAnyOrder("mvn -B -q -DskipTests package", "path-java -jar " + jar + " --version",
                        "path-java -jar " + jar + " --version");
        assertThat(a.err() + b.err()).contains("waiting for another jointraft call");
    }

    @Test
    void twoFirstCallsAtOnceBuildOnceAndBothRunWithFlock() throws Exception {
        concurrentFirstCallsBuildOnceAndBothRun(true);
    }

    @Test
    void twoFirstCallsAtOnceBuildOnceAndBothRunWithTheMkdirLock() throws Exception {
        concurrentFirstCallsBuildOnceAndBothRun(false);
    }

    @Test
    void aMkdirLockLeftByADeadProcessIsRemoved() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path lock = checkout.resolve("conformance-tests/target/.jointraft-build.lock.d");
        Files.createDirectories(lock);
        Files.writeString(lock.resolve("pid"), gone.pid() + "\n");

        Result r = finish(start(path(false), null, "--version"));

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("removing a stale build lock (" + gone.pid() + ")");
        assertThat(calls()).containsExactly("mvn -B -q -DskipTests package", "path-java -jar " + jar + " --version");
        assertThat(lock).doesNotExist();
    }

    @Test
    void javaHomeChoosesTheJavaAndAFreshJarIsNotRebuilt() throws Exception {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Path jdk = dir.resolve("jdk");
        script(jdk.resolve("bin/java"), "echo \"home-java $*\" >> " + log + "\n");

        Result withHome = finish(start(path(true), jdk.toString(), "check", "a b.ndjson"));
        Result withoutHome = finish(start(path(true), null, "hunt"));

        assertThat(withHome.exitCode()).as(withHome.err()).isZero();
        assertThat(withoutHome.exitCode()).as(withoutHome.err()).isZero();
        assertThat(calls()).containsExactly("home-java -jar " + jar + " check a b.ndjson", "path-java -jar " + jar + " hunt");
    }

    @Test
    void aJavaHomeWithoutJavaIsRefused() throws Exception {
        Result r = finish(start(path(true), dir.resolve("no-jdk").toString(), "--version"));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("JAVA_HOME is '" + dir.resolve("no-jdk") + "'");
        assertThat(calls()).isEmpty();
    }
}
