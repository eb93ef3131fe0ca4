package org.jointraft.conformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jointraft.conformance.options.Range;
import org.jointraft.conformance.sim.SimFlags;
import org.jointraft.conformance.sim.SimOptions;
import org.jointraft.datadriven.Command;
import org.jointraft.datadriven.DataDriven;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Bad options as golden files: {@code src/test/resources/testdata/options/*.txt} (format: {@link DataDriven};
 * {@code -Drewrite=true} regenerates the outputs). Each command line runs through {@link Main#execute}, the real
 * entry point; the word {@code OUT} stands for a fresh folder that must not be created. The output is the exit code,
 * whether anything was written (stdout or OUT), and the first line on stderr, which must name the last option given.
 */
class BadOptionsTest {

    private static final Path DIR = Path.of("src/test/resources/testdata/options");

    @TempDir
    Path scratch;

    @TestFactory
    Stream<DynamicTest> badOptionsStopEveryCommandBeforeItStarts() {
        return DataDriven.tests(DIR, () -> this::run);
    }

    private String run(Command c) {
        Path out = scratch.resolve("out-" + c.file().getFileName() + "-" + c.line());
        List<String> args = new ArrayList<>(List.of(c.name()));
        String lastOption = null;
        for (Command.Arg a : c.args()) {
            String word = (a.bare() ? a.key() : a.key() + "=" + a.value()).replace("OUT", out.toString());
            args.add(word);
            if (word.startsWith("--")) {
                lastOption = a.key();
            }
        }
        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        int code = Main.execute(new PrintWriter(stdout, true), new PrintWriter(stderr, true), args.toArray(String[]::new));
        String message = stderr.toString().lines().findFirst().orElse("");
        if (lastOption != null) {
            assertThat(message).as("the message of line %d names %s", c.line(), lastOption).contains(lastOption);
        }
        List<String> written = new ArrayList<>();
        if (!stdout.toString().isEmpty()) {
            written.add("stdout");
        }
        if (Files.exists(out)) {
            written.add("OUT");
        }
        return "exit " + code + ", " + (written.isEmpty() ? "nothing written" : "WROTE " + String.join(" and ", written))
                + "\n" + message.replace(out.toString(), "OUT");
    }

    private static List<CommandLine> commands() {
        return Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                Main.subcommands().stream().map(Supplier::get).toList()).getSubcommands().values().stream().toList();
    }

    @Test
    void everyRangeCheckedOptionStatesItsLimitsInItsHelp() {
        int checked = 0;
        for (CommandLine command : commands()) {
            for (OptionSpec o : command.getCommandSpec().options()) {
                if (o.converters().length == 1 && o.converters()[0] instanceof Range.Converter<?> converter) {
                    Range r = converter.range();
                    String help = String.join(" ", o.description());
                    String what = command.getCommandName() + " " + o.longestName();
                    if (r.max() == Integer.MAX_VALUE) {
                        assertThat(help).as(what).contains("at least " + Range.number(r.min()));
                    } else {
                        assertThat(help).as(what).contains(Range.number(r.min())).contains(Range.number(r.max()));
                    }
                    checked++;
                }
            }
        }
        assertThat(checked).as("range-checked options").isGreaterThanOrEqualTo(30);
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        SimOptions o = SimFlags.parse("--nodes 64 --voters 64 --steps " + SimOptions.MAX_STEPS + " --write-rate 1 "
                + "--membership-rate 0 --message-fault-rate 1 --node-fault-rate 0 --max-delay 1 --max-batch 1", 1);

        assertThat(o.nodes()).isEqualTo(SimOptions.MAX_NODES);
        assertThat(o.voters()).isEqualTo(64);
        assertThat(o.steps()).isEqualTo(1_000_000);
        assertThat(SimFlags.parse("--nodes 1 --steps 0", 1).voters()).isEqualTo(1);
    }

    @Test
    void huntWithTwoNodesHasTwoVotersUnlessTold() {
        HuntCommand command = new HuntCommand();
        new CommandLine(command).parseArgs("--nodes", "2");

        assertThat(command.flags.toOptions(1).voters()).isEqualTo(2);
    }
}
