package org.jointraft.conformance.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchFolderTest {

    @TempDir
    Path parent;

    @Test
    void closingDeletesTheFolderWithEverythingInIt() throws Exception {
        Path path;
        try (ScratchFolder scratch = ScratchFolder.create(parent, "t-")) {
            path = scratch.path();
            assertThat(path.getParent()).isEqualTo(parent);
            assertThat(path.getFileName().toString()).startsWith("t-");
            Files.writeString(Files.createDirectories(scratch.resolve("a/b")).resolve("c.txt"), "x");
        }
        assertThat(path).doesNotExist();
        assertThat(parent).isEmptyDirectory();
    }

    @Test
    void closingAFolderSomeoneElseDeletedIsFine() throws Exception {
        ScratchFolder scratch = ScratchFolder.create(parent, "t-");
        Files.delete(scratch.path());

        scratch.close();

        assertThat(scratch.path()).doesNotExist();
    }
}
