package org.jointraft.cluster;

import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.Message;

/** The messages in flight, each with its arrival tick, in delivery order: by arrival tick, then by send order. */
final class MessageQueue {

    private record InFlight(long at, Message msg) {
    }

    private final List<InFlight> queue = new ArrayList<>();

    /** Adds {@code m} after every message that arrives at or before {@code at}. */
    void add(Message m, long at) {
        int k = queue.size();
        while (k > 0 && queue.get(k - 1).at() > at) {
            k--;
        }
        queue.add(k, new InFlight(at, m));
    }

    /** Takes out the first message if it arrives at or before {@code now}; null otherwise. */
    Message pollDue(long now) {
        return queue.isEmpty() || queue.get(0).at() > now ? null : queue.remove(0).msg();
    }

    Message remove(int index) {
        return queue.remove(index).msg();
    }

    Message get(int index) {
        return queue.get(index).msg();
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    int size() {
        return queue.size();
    }

    List<Message> messages() {
        return queue.stream().map(InFlight::msg).toList();
    }
}
