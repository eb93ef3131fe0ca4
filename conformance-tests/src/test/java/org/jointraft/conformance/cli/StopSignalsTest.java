package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jointraft.conformance.bugzoo.BugCatalogue;
import org.jointraft.conformance.bugzoo.PatchedImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping the real CLI, in a JVM of its own whose temp folder is the test's: after SIGINT or SIGTERM, in whatever
 * phase (TLC running, shrinking, compiling a patched impl), no process it started is left and its temp folder is
 * empty; after SIGKILL its TLC exits by itself.
 */
@EnabledOnOs(OS.LINUX) // signals by number, /proc, and GNU env to undo an inherited "ignore SIGINT"
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class StopSignalsTest {
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration EXIT_LIMIT = Duration.ofSeconds(5);
    /** A bug of the zoo that the hunt's first runs catch. */
    private static final String CAUGHT_AT_ONCE = "vote-not-durable";

    @TempDir
    Path tmp;

    @TempDir
    Path work;

    private final List<ProcessHandle> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void sigterm_to_model_check_ends_its_tlc_and_deletes_its_folders() throws Exception {
        Process cli = cli("model-check", "--config", "ci", "--workers", "1");
        ProcessHandle tlc = await("a TLC child", () -> tlcChild(cli));
        List<ProcessHandle> children = descendants(cli);

        signal(cli, "TERM");

        assertStoppedCleanly(cli, 143, children);
        assertThat(tlc.isAlive()).isFalse();
    }

    @Test
    void sigint_to_a_hunt_ends_its_tlc_and_deletes_its_folders() throws Exception {
        Process cli = cli("hunt", "--runs", "20", "--jobs", "1", "--out", work.resolve("failures").toString());
        await("a TLC child", () -> tlcChild(cli));
        List<ProcessHandle> children = descendants(cli);

        signal(cli, "INT");

        assertStoppedCleanly(cli, 130, children);
    }

    @Test
    void sigint_to_a_hunt_while_it_shrinks_a_failure_deletes_its_folders() throws Exception {
        // a hunt of an impl with a bug that the first runs catch, so that it soon shrinks
        BugCatalogue zoo = BugCatalogue.load();
        Path patched = PatchedImpl.build(zoo.select(List.of(CAUGHT_AT_ONCE)).get(0), zoo.implSources(), work.resolve("bug"));
        Process cli = cliOn(patched + File.pathSeparator + System.getProperty("java.class.path"),
                "hunt", "--runs", "1", "--out", work.resolve("failures").toString());
        await("a shrink", () -> files().stream().filter(p -> p.getFileName().toString().startsWith("jointraft-shrink-"))
                .findFirst());
        await("a TLC child", () -> tlcChild(cli));
        List<ProcessHandle> children = descendants(cli);

        signal(cli, "INT");

        assertStoppedCleanly(cli, 130, children);
    }

    @Test
    void sigterm_to_bugzoo_while_it_compiles_the_patched_impl_deletes_its_folder() throws Exception {
        Process cli = cli("bugzoo", "--bug", CAUGHT_AT_ONCE, "--runs-per-bug", "10");
        await("the patched sources", () -> files().stream().filter(p -> p.getFileName().toString().equals("src")).findFirst());
        assertThat(descendants(cli)).as("no hunt JVM yet: the stop comes while patching and compiling").isEmpty();

        signal(cli, "TERM");

        assertStoppedCleanly(cli, 143, List.of());
    }

    @Test
    void after_sigkill_of_the_cli_its_tlc_exits_by_itself() throws Exception {
        Process cli = cli("model-check", "--config", "ci", "--workers", "1");
        ProcessHandle tlc = await("a TLC child", () -> tlcChild(cli));

        cli.destroyForcibly();

        assertThat(exits(tlc)).as("TLC ends within " + EXIT_LIMIT.toSeconds() + " s of its parent's SIGKILL").isTrue();
    }

    private Process cli(String... args) throws IOException {
        return cliOn(System.getProperty("java.class.path"), args);
    }

    /**
     * The CLI with its own temp folder; output goes to files in {@code work}, read when a check fails. A process
     * started in the background by a non-interactive shell ignores SIGINT, and so would the CLI: {@code env} undoes that.
     */
    private Process cliOn(String classpath, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Djava.io.tmpdir=" + tmp,
                "-cp", classpath, Main.class.getName()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve("out.txt").toFile()).redirectError(work.resolve("err.txt").toFile()).start();
        started.add(p.toHandle());
        return p;
    }

    private void assertStoppedCleanly(Process cli, int exitCode, List<ProcessHandle> children) throws Exception {
        assertThat(cli.waitFor(30, TimeUnit.SECONDS)).as("the CLI exits after the signal").isTrue();
        assertThat(cli.exitValue()).as(log()).isEqualTo(exitCode);
        assertThat(Files.readString(work.resolve("err.txt"))).doesNotContain("error:").doesNotContain("Exception");
        for (ProcessHandle child : children) {
            assertThat(exits(child)).as("child " + child.info().commandLine().orElse(Long.toString(child.pid())) + " ended")
                    .isTrue();
        }
        assertThat(files().stream().map(p -> tmp.relativize(p).toString()).toList()).as("left in the temp folder").isEmpty();
    }

    /** Everything in the CLI's temp folder. */
    private List<Path> files() {
        try (Stream<Path> all = Files.walk(tmp)) {
            return all.filter(p -> !p.equals(tmp)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether {@code p} ends within {@link #EXIT_LIMIT}. An orphan that ended is a zombie until init reaps it, which
     * some inits do only every second or two; a zombie runs nothing, so it counts as ended.
     */
    private static boolean exits(ProcessHandle p) throws InterruptedException {
        long deadline = System.nanoTime() + EXIT_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive() || zombie(p)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static boolean zombie(ProcessHandle p) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(p.pid()), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true; // no such process any more
        }
    }

    private Optional<ProcessHandle> tlcChild(Process cli) {
        Optional<ProcessHandle> tlc = cli.descendants()
                .filter(p -> p.info().arguments().map(a -> List.of(a).contains("tlc2.TLC")).orElse(false)).findFirst();
        tlc.ifPresent(started::add);
        return tlc;
    }

    private List<ProcessHandle> descendants(Process cli) {
        List<ProcessHandle> all = cli.descendants().toList();
        started.addAll(all);
        return all;
    }

    private static void signal(Process p, String name) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start().waitFor()).isZero();
    }

    private <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                Optional<T> found = probe.get();
                if (found.isPresent()) {
                    return found.get();
                }
            } catch (UncheckedIOException e) {
                // a file went away while the temp folder was walked: look again
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no " + what + " within " + START_LIMIT.toSeconds() + " s; " + log());
    }

    private String log() {
        try {
            return "stdout:\n" + Files.readString(work.resolve("out.txt")) + "\nstderr:\n" + Files.readString(work.resolve("err.txt"));
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }
}
