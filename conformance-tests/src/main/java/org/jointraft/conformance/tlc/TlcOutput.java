package org.jointraft.conformance.tlc;

import java.util.List;
import java.util.Optional;

/**
 * Everything a finished TLC process left behind.
 *
 * @param exitCode   the process exit code (-1 when the driver had to kill it)
 * @param raw        stdout and stderr, interleaved as printed
 * @param messages   the parsed {@code -tool} messages, in the order they started (a parent before the messages nested in it)
 * @param userOutput the content of the {@code -userFile} (PrintT output) when the run asked for it
 */
public record TlcOutput(int exitCode, String raw, List<TlcMessage> messages, Optional<String> userOutput) {
    public TlcOutput {
        messages = List.copyOf(messages);
    }
}
