package org.jointraft.conformance.bugzoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayNameGeneration(DisplayNameGenerator.ReplaceUnderscores.class)
class BugTest {
    private static final Map<String, String> SOURCES = Map.of(
            "org/x/Node.java", "class Node {\n    int a = 1;\n    int b = 2;\n}\n",
            "org/x/Log.java", "class Log {\n    int c = 3;\n}\n");

    private static final String GOOD = """
            # a is two
            # breaks: the a rule
            ==== Node.java
            ---- replace
                int a = 1;
            ---- with
                int a = 2;
            ----
            ==== Log.java
            ---- replace
                int c = 3;
            ---- with
                int c = 4;
            ----
            """;

    @Test
    void a_bug_file_patches_every_file_it_names_and_nothing_else() {
        Bug bug = Bug.parse("two", GOOD);

        Map<String, String> patched = bug.applyTo(SOURCES);

        assertThat(bug.description()).isEqualTo("a is two");
        assertThat(bug.breaks()).isEqualTo("the a rule");
        assertThat(bug.escapes()).isNull();
        assertThat(patched.get("org/x/Node.java")).contains("int a = 2;").contains("int b = 2;");
        assertThat(patched.get("org/x/Log.java")).contains("int c = 4;");
        assertThat(SOURCES.get("org/x/Node.java")).contains("int a = 1;");
    }

    @Test
    void a_replace_text_missing_from_the_source_is_an_error_naming_bug_block_line_and_file() {
        Bug bug = Bug.parse("stale", GOOD.replace("int c = 3;\n---- with", "int c = 5;\n---- with"));

        assertThatThrownBy(() -> bug.applyTo(SOURCES)).isInstanceOf(BugFormatException.class)
                .hasMessageContaining("bug stale").hasMessageContaining("replace block 1 (line 10")
                .hasMessageContaining("starting 'int c = 5;'").hasMessageContaining("occurs 0 times in Log.java");
    }

    @Test
    void a_replace_text_that_occurs_twice_is_an_error() {
        Bug bug = Bug.parse("twice", """
                # ambiguous
                # breaks: x
                ==== Node.java
                ---- replace
                    int
                ---- with
                    long
                ----
                """);

        assertThatThrownBy(() -> bug.applyTo(SOURCES)).hasMessageContaining("occurs 2 times in Node.java");
    }

    @Test
    void a_file_that_is_no_impl_source_is_an_error() {
        Bug bug = Bug.parse("nofile", GOOD.replace("==== Log.java", "==== Missing.java"));

        assertThatThrownBy(() -> bug.applyTo(SOURCES)).hasMessageContaining("bug nofile patches Missing.java")
                .hasMessageContaining("matches 0 impl source files");
    }

    @Test
    void header_and_block_mistakes_name_the_line() {
        assertThatThrownBy(() -> Bug.parse("b", GOOD.replace("# breaks: the a rule\n", "")))
                .hasMessageContaining("bug b, line 1: missing the '# breaks: <rule>' line");
        assertThatThrownBy(() -> Bug.parse("b", GOOD.replace("# a is two", "a is two")))
                .hasMessageContaining("bug b, line 1: expected a '# ...' header line");
        assertThatThrownBy(() -> Bug.parse("b", GOOD.replace("==== Log.java", "==== core/Log.java")))
                .hasMessageContaining("line 9: expected '==== File.java'");
        assertThatThrownBy(() -> Bug.parse("b", GOOD.replace("    int a = 2;\n----\n", "    int a = 2;\n")))
                .hasMessageContaining("bug b");
        assertThatThrownBy(() -> Bug.parse("b", "# d\n# breaks: r\n"))
                .hasMessageContaining("no '==== File.java' section");
    }

    @Test
    void every_shipped_bug_still_applies_to_the_current_impl_and_changes_it() {
        BugCatalogue catalogue = BugCatalogue.load();

        assertThat(catalogue.all()).hasSizeGreaterThanOrEqualTo(15);
        assertThat(catalogue.implSources()).containsKey("org/jointraft/core/RaftNode.java");
        for (Bug bug : catalogue.all()) {
            assertThat(bug.applyTo(catalogue.implSources())).as(bug.name()).isNotEqualTo(catalogue.implSources());
        }
    }

    @Test
    void a_patched_impl_compiles_into_a_classes_folder(@TempDir Path temp) throws Exception {
        BugCatalogue catalogue = BugCatalogue.load();
        Bug bug = catalogue.select(java.util.List.of("learner-counted-in-quorum")).get(0);

        Path classes = PatchedImpl.build(bug, catalogue.implSources(), temp);

        assertThat(classes.resolve("org/jointraft/core/RaftNode.class")).exists();
        assertThat(Files.readString(temp.resolve("src/org/jointraft/core/Membership.java")))
                .contains("electorate.addAll(learners);");
    }

    @Test
    void a_patch_that_breaks_the_build_is_reported_with_the_compiler_message(@TempDir Path temp) {
        Bug bug = Bug.parse("broken", """
                # does not compile
                # breaks: nothing
                ==== RaftLog.java
                ---- replace
                    long lastIndex() {
                ---- with
                    long lastIndex() { return undefinedName; }
                    long unused() {
                ----
                """);

        assertThatThrownBy(() -> PatchedImpl.build(bug, BugCatalogue.load().implSources(), temp))
                .hasMessageContaining("bug broken: the patched impl does not compile")
                .hasMessageContaining("undefinedName");
    }
}
