package org.jointraft.conformance.validate;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;
import org.jointraft.conformance.sim.SimOptions;

/**
 * The folder of one hunt, {@code OUT/hunt-<UTC time>-seed<S>[-n]}: made with an atomic create before the hunt
 * starts, so that two hunts into the same {@code OUT} (even started in the same second) never share one and a
 * rerun never writes next to an earlier run's files. Each failure goes into {@code seed-<S>/} inside it. A hunt
 * without failures removes its empty folder again.
 */
final class HuntFolder {
    static final String TRACE = "trace.ndjson";
    static final String DIAGNOSIS = "diagnosis.txt";
    static final String SHRUNK = "shrunk.ndjson";
    static final String SHRUNK_DIAGNOSIS = "shrunk-diagnosis.txt";
    static final String REPRODUCE = "reproduce.txt";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** Paths the shell takes as they are; any other is single-quoted in reproduce.txt. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=+-]+");
    private static final int MAX_TRIES = 1000;

    private final Path path;
    private final boolean createdOut;

    private HuntFolder(Path path, boolean createdOut) {
        this.path = path;
        this.createdOut = createdOut;
    }

    /**
     * Creates the folder for a hunt from {@code seed} in {@code out} (created too when missing).
     *
     * @throws IOException when {@code out} is not a folder this process can create a folder in
     */
    static HuntFolder create(Path out, long seed, Clock clock) throws IOException {
        String base = "hunt-" + STAMP.format(clock.instant()) + "-seed" + seed;
        for (int n = 1; n <= MAX_TRIES; n++) {
            boolean createdOut = !Files.isDirectory(out);
            Files.createDirectories(out);
            Path candidate = out.resolve(n == 1 ? base : base + "-" + n);
            try {
                return new HuntFolder(Files.createDirectory(candidate), createdOut);
            } catch (FileAlreadyExistsException e) {
                // another hunt (or an earlier one this second) has it: try the next suffix
            } catch (NoSuchFileException e) {
                // a finished hunt removed out, empty, between the two calls: create it again
            }
        }
        throw new IOException("no free name " + base + "-N in " + out + " after " + MAX_TRIES + " tries");
    }

    Path path() {
        return path;
    }

    /** Creates the folder of a failing run. */
    Path failureFolder(long seed) throws IOException {
        return Files.createDirectory(path.resolve("seed-" + seed));
    }

    /**
     * Removes the hunt's folder when nothing was saved in it (and {@code out} when this hunt created it and it is
     * now empty); returns the folder when it is still there, else null. Anything not an empty folder is left alone.
     */
    Path removeIfEmpty() {
        if (removeEmptyFolder(path) && createdOut) {
            removeEmptyFolder(path.getParent());
        }
        return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? path : null;
    }

    private static boolean removeEmptyFolder(Path folder) {
        if (folder == null || !Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            Files.delete(folder);
            return true;
        } catch (DirectoryNotEmptyException e) {
            return false; // something was saved, or another hunt shares out
        } catch (IOException e) {
            return false; // best effort: an empty folder left behind loses nothing
        }
    }

    /**
     * The text of {@code reproduce.txt}: for the run and, when there is one, its shrunk version, the
     * {@code simulate} command that writes the same trace again and the {@code check} command that has TLC judge
     * the saved trace, each with what it shows.
     */
    static String reproduce(Hunt.Failure f) {
        Path folder = f.saved().toAbsolutePath().normalize();
        StringBuilder s = new StringBuilder();
        s.append("# seed ").append(f.seed()).append(", ").append(f.kind()).append(": ").append(f.detail()).append('\n');
        s.append("# Run from anywhere, with the same impl and spec as the hunt (the paths are absolute).\n\n");
        commands(s, f.options(), folder.resolve(TRACE), folder.resolve("replay"), f.safe(),
                f.kind() == Hunt.FailureKind.LIVENESS, f.verdict());
        Hunt.Shrunk shrunk = f.shrunk();
        if (shrunk != null) {
            s.append("\n# The shrunk run (").append(shrunk.events()).append(" events instead of ")
                    .append(f.verdict().events()).append("), the same kind of failure: ").append(shrunk.detail())
                    .append('\n');
            commands(s, shrunk.options(), folder.resolve(SHRUNK), folder.resolve("replay-shrunk"),
                    shrunk.safe(), f.kind() == Hunt.FailureKind.LIVENESS, shrunk.verdict());
        }
        return s.toString();
    }

    private static void commands(StringBuilder s, SimOptions o, Path trace, Path replay, boolean safe,
            boolean liveness, Verdict v) {
        s.append("# Simulates the run again: writes ").append(replay.resolve(simulateFile(o)))
                .append(",\n# byte for byte the same as ").append(trace.getFileName())
                .append(", and prints its membership timeline; exit ")
                .append(liveness ? "1 (safe, but the liveness phase fails: see the timeline's end)"
                        : safe ? "0 (the simulator's own safety checks hold; only TLC rejects the trace)"
                        : "1 (the simulator's safety check fails)").append(".\n");
        s.append("./jointraft simulate --seed ").append(o.seed()).append(' ').append(o.format()).append(" --out ")
                .append(shell(replay)).append('\n');
        s.append("# Has TLC judge the saved trace: ").append(v.accepted() ? "accepts it (exit 0)"
                : "rejects event " + v.rejectedAt() + " with the diagnosis in "
                + (trace.getFileName().toString().equals(TRACE) ? DIAGNOSIS : SHRUNK_DIAGNOSIS) + " (exit 1)")
                .append(".\n");
        s.append("./jointraft check ").append(shell(trace)).append('\n');
    }

    /** The file name {@code simulate} gives the trace of {@code o}. */
    static String simulateFile(SimOptions o) {
        return "simulate-seed-" + o.seed() + ".ndjson";
    }

    static String shell(Path p) {
        String text = p.toString();
        return PLAIN.matcher(text).matches() ? text : "'" + text.replace("'", "'\\''") + "'";
    }
}
