package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.jointraft.conformance.sim.SimFlags;
import org.jointraft.conformance.sim.SimOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The run options are declared once ({@link SimFlags}) and mean the same in every command that takes them. */
class SharedOptionsTest {

    private static CommandLine command(String name) {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Main.subcommands().stream().map(s -> s.get()).toList()).getSubcommands().get(name);
    }

    private static List<OptionSpec> runOptions() {
        return new CommandLine(new SimFlags()).getCommandSpec().options();
    }

    @Test
    void simulateHuntAndBenchSimTakeEveryRunOptionWithTheSameDefaultAndHelp() {
        assertThat(runOptions()).hasSizeGreaterThanOrEqualTo(10);
        for (String name : List.of("simulate", "hunt", "bench-sim")) {
            CommandLine.Model.CommandSpec spec = command(name).getCommandSpec();
            for (OptionSpec o : runOptions()) {
                OptionSpec theirs = spec.findOption(o.longestName());
                assertThat(theirs).as(name + " " + o.longestName()).isNotNull();
                if (!(name.equals("bench-sim") && o.longestName().equals("--steps"))) {
                    // (the help text names the default, so it differs exactly where the default does)
                    assertThat(theirs.description()).as(name + " " + o.longestName()).isEqualTo(o.description());
                    assertThat(theirs.defaultValueString()).as(name + " " + o.longestName())
                            .isEqualTo(o.defaultValueString());
                }
            }
        }
    }

    @Test
    void theDefaultsOfTheFlagsAreTheDefaultsOfTheOptions() {
        assertThat(SimFlags.parse("", 5)).isEqualTo(SimOptions.defaults(5));
    }

    @Test
    void benchSimAloneRunsLongerByDefault() {
        assertThat(command("bench-sim").getCommandSpec().findOption("--steps").defaultValueString()).isEqualTo("2000");
        // simulate's steps are its shape's unless given; the help names the default shape's
        OptionSpec steps = command("simulate").getCommandSpec().findOption("--steps");
        assertThat(steps.defaultValue()).isNull();
        assertThat(String.join(" ", steps.description())).contains("the default shape's: " + SimOptions.DEFAULT_STEPS);
    }

    @Test
    void everyFormattedOptionIsAFlagOfSimulate() {
        CommandLine.Model.CommandSpec simulate = command("simulate").getCommandSpec();
        String[] words = SimOptions.defaults(1).withMaxBatch(2).format().split(" ");
        for (int k = 0; k < words.length; k += 2) {
            assertThat(simulate.findOption(words[k])).as(words[k]).isNotNull();
        }
    }
}
