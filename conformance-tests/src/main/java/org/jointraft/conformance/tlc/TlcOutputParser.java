package org.jointraft.conformance.tlc;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits TLC's {@code -tool} output, fed one line at a time, into messages and plain lines.
 * Messages can nest (an ASSUME failure wraps the evaluation error), so open messages form a stack.
 */
final class TlcOutputParser {
    private static final Pattern START = Pattern.compile("^@!@!@STARTMSG (\\d+):(\\d+) @!@!@\\s*$");
    private static final Pattern END = Pattern.compile("^@!@!@ENDMSG (\\d+) @!@!@\\s*$");
    private static final Pattern PROGRESS = Pattern.compile(
            "Progress\\(([\\d,]+)\\).*?: ([\\d,]+) states generated \\(([\\d,]+) s/min\\), "
                    + "([\\d,]+) distinct states found \\(([\\d,]+) ds/min\\), ([\\d,]+) states left on queue");

    static final int PROGRESS_CODE = 2200;

    private record Open(int code, int severity, StringBuilder text, int slot) { }

    private final Deque<Open> open = new ArrayDeque<>();
    private final List<TlcMessage> messages = new ArrayList<>();
    private final List<String> plainLines = new ArrayList<>();
    private final StringBuilder raw = new StringBuilder();
    private final TlcListener listener;

    TlcOutputParser(TlcListener listener) {
        this.listener = listener;
    }

    /** PrintT lines of the model-check driver ({@code <<"jointraft-fired", ...>>}): never part of a message. */
    static final String MARKER = "<<\"jointraft-";
    /** One per simulated behaviour: counted by the listener, not kept (a long simulation prints millions). */
    static final String UNKEPT = "<<\"jointraft-behaviour\"";

    void accept(String line) {
        if (line.startsWith(MARKER)) {
            // another worker's PrintT may come between the lines of a message: it is not part of it
            if (!line.startsWith(UNKEPT)) {
                raw.append(line).append('\n');
                plainLines.add(line);
            }
            listener.onLine(line);
            return;
        }
        raw.append(line).append('\n');
        Matcher start = START.matcher(line);
        if (start.matches()) {
            // Reserve the slot now so that messages stay in the order they started.
            messages.add(null);
            open.push(new Open(Integer.parseInt(start.group(1)), Integer.parseInt(start.group(2)),
                    new StringBuilder(), messages.size() - 1));
            return;
        }
        if (END.matcher(line).matches() && !open.isEmpty()) {
            Open done = open.pop();
            int parent = open.isEmpty() ? 0 : open.peek().code();
            TlcMessage message = new TlcMessage(done.code(), done.severity(), done.text().toString().strip(), parent);
            messages.set(done.slot(), message);
            listener.onMessage(message);
            if (message.code() == PROGRESS_CODE) {
                parseProgress(message.text()).ifPresent(listener::onProgress);
            }
            return;
        }
        if (open.isEmpty()) {
            plainLines.add(line);
            listener.onLine(line);
        } else {
            open.peek().text().append(line).append('\n');
        }
    }

    /** The complete messages in the order they started; one TLC never closed is left out. */
    List<TlcMessage> messages() {
        return messages.stream().filter(java.util.Objects::nonNull).toList();
    }

    /** Lines printed outside any message: SANY's parse errors, PrintT output without -userFile. */
    List<String> plainLines() {
        return List.copyOf(plainLines);
    }

    String raw() {
        return raw.toString();
    }

    static Optional<TlcProgress> parseProgress(String text) {
        Matcher m = PROGRESS.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new TlcProgress(number(m.group(1)), number(m.group(2)), number(m.group(4)),
                number(m.group(6)), number(m.group(3)), number(m.group(5))));
    }

    static long number(String withCommas) {
        return Long.parseLong(withCommas.replace(",", ""));
    }
}
