package org.jointraft.conformance.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The {@code --out} directory of the scenario and simulate commands (a mixin): created if missing, refused if unwritable. */
final class TraceDirectory {

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "traces",
            description = "where the trace goes. Default: ${DEFAULT-VALUE}")
    Path dir;

    @CommandLine.Spec(CommandLine.Spec.Target.MIXEE)
    CommandLine.Model.CommandSpec mixee;

    /** The directory, created when missing. */
    Path prepare() {
        CommandLine cl = mixee.commandLine();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new CommandLine.ParameterException(cl, "--out " + dir + ": cannot create the directory ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new CommandLine.ParameterException(cl, "--out " + dir + ": not a writable directory");
        }
        return dir;
    }
}
