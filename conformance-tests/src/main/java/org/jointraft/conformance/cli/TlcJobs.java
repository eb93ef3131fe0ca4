package org.jointraft.conformance.cli;

import picocli.CommandLine.Option;

/** The {@code --jobs} option (a mixin) of the commands that run TLC on many traces at once. */
final class TlcJobs {

    @Option(names = "--jobs", paramLabel = "J", description = "parallel TLC runs. Default: the number of cores, at most 4")
    Integer jobs;

    /** The jobs asked for, or the default: TLC runs are memory-hungry, so at most 4 even on a large machine. */
    int count() {
        return jobs != null ? jobs : Math.min(4, Runtime.getRuntime().availableProcessors());
    }
}
