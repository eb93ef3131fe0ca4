package org.jointraft.conformance.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** The {@code --out} directory of the scenario and simulate commands: created if missing, refused if unwritable. */
final class TraceDirectory {

    private TraceDirectory() {
    }

    static Path prepare(CommandLine cl, Path dir) {
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
