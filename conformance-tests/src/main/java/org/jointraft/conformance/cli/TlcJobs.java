package org.jointraft.conformance.cli;

import org.jointraft.conformance.options.Range;
import picocli.CommandLine.Option;

/** The {@code --jobs} option (a mixin) of the commands that run TLC on many traces at once. */
final class TlcJobs {

    @Option(names = "--jobs", paramLabel = "J", converter = Range.Positive.class,
            description = "parallel TLC runs, at least 1. Default: the number of cores, at most 4")
    Integer jobs;

    /** The jobs asked for, or the default: TLC runs are memory-hungry, so at most 4 even on a large machine. */
    int count() {
        return jobs != null ? jobs : Math.min(4, Runtime.getRuntime().availableProcessors());
    }
}
