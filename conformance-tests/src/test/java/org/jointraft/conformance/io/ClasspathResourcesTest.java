package org.jointraft.conformance.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClasspathResourcesTest {
    private final ClassLoader loader = ClasspathResourcesTest.class.getClassLoader();

    @Test
    void readsTheTextOfEveryFileWithTheSuffixByPathBelowTheFolder() {
        Map<String, String> bugs = ClasspathResources.readText(loader, "bugzoo", ".bug");

        assertThat(bugs).isNotEmpty();
        assertThat(bugs.keySet()).allMatch(name -> name.endsWith(".bug") && !name.startsWith("bugzoo/"));
        assertThat(bugs.values()).allMatch(text -> !text.isBlank());
    }

    @Test
    void findsFilesInsideJarsAsWellAsInFolders() {
        // The spec comes from the jointraft-spec artifact (a jar or its classes folder), the bug files from here.
        assertThat(ClasspathResources.list(loader, "tla")).contains("tla/JointRaft.tla", "tla/TraceJointRaft.tla");
        assertThat(ClasspathResources.readText(loader, "tla", ".tla")).containsKey("JointRaft.tla");
    }

    @Test
    void aFolderThatIsNotThereHasNoFiles() {
        assertThat(ClasspathResources.readText(loader, "no-such-folder", ".txt")).isEmpty();
    }
}
