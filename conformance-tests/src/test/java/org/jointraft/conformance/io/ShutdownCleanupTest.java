package org.jointraft.conformance.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shutdown hook's work, on a registry of the test's own (the JVM's registry must keep working for the others). */
@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class ShutdownCleanupTest {
    @TempDir
    Path parent;

    private final ShutdownCleanup cleanup = new ShutdownCleanup();

    static ProcessBuilder child(String... args) {
        return new ProcessBuilder(ChildJvm.command(Path.of(System.getProperty("java.home"), "bin", "java"), List.of(),
                System.getProperty("java.class.path"), ChildMain.class.getName(), List.of(args)));
    }

    @Test
    void stopping_kills_every_child_and_then_deletes_every_folder() throws Exception {
        ChildJvm sleeper = ChildJvm.start(child("sleep", "60"), cleanup);
        ScratchFolder folder = ScratchFolder.create(parent, "s-", cleanup);
        Files.writeString(Files.createDirectories(folder.resolve("a/b")).resolve("c.txt"), "x");

        cleanup.stop();

        assertThat(sleeper.process().isAlive()).isFalse();
        assertThat(folder.path()).doesNotExist();
        assertThat(parent).isEmptyDirectory();
        assertThat(cleanup.stopping()).isTrue();
    }

    @Test
    void once_stopping_no_folder_or_child_can_be_made() {
        cleanup.stop();

        assertThatThrownBy(() -> ScratchFolder.create(parent, "s-", cleanup)).isInstanceOf(IOException.class)
                .hasMessage("jointraft is stopping");
        assertThatThrownBy(() -> ChildJvm.start(child("sleep", "60"), cleanup)).isInstanceOf(IllegalStateException.class)
                .hasMessage("jointraft is stopping");
        assertThatThrownBy(cleanup::checkNotStopping).hasMessage("jointraft is stopping");
        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void what_was_closed_before_is_left_alone() throws Exception {
        ScratchFolder folder = ScratchFolder.create(parent, "s-", cleanup);
        folder.close();
        Files.createDirectory(folder.path()); // someone else's folder now

        cleanup.stop();

        assertThat(folder.path()).isDirectory();
    }

    @Test
    void a_child_runs_its_main_to_the_end_and_keeps_its_exit_code() throws Exception {
        try (ChildJvm child = ChildJvm.start(child("exit", "3"), cleanup)) {
            assertThat(child.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.process().exitValue()).isEqualTo(3);
        }
    }

    @Test
    void a_child_whose_parent_is_gone_halts_on_its_own() throws Exception {
        try (ChildJvm child = ChildJvm.start(child("sleep", "60"), cleanup)) {
            // what the kernel does to the pipe when this JVM dies
            child.process().getOutputStream().close();

            assertThat(child.process().waitFor(10, TimeUnit.SECONDS)).as("child exited").isTrue();
            assertThat(child.process().exitValue()).isEqualTo(ParentWatch.ORPHANED);
        }
    }

    @Test
    void closing_a_child_kills_it() throws Exception {
        ChildJvm child = ChildJvm.start(child("sleep", "60"), cleanup);

        child.close();

        assertThat(child.process().isAlive()).isFalse();
    }

    @Test
    void an_unknown_main_class_gets_the_java_launchers_message() throws Exception {
        ProcessBuilder b = new ProcessBuilder(ChildJvm.command(Path.of(System.getProperty("java.home"), "bin", "java"),
                List.of(), parent.toString(), "no.such.Main", List.of())).redirectErrorStream(true);
        try (ChildJvm child = ChildJvm.start(b, cleanup)) {
            String out = new String(child.process().getInputStream().readAllBytes());
            assertThat(child.process().waitFor()).isEqualTo(1);
            assertThat(out).contains("Could not find or load main class no.such.Main");
        }
    }
}
