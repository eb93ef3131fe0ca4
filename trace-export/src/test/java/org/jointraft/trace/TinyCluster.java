package org.jointraft.trace;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.core.Membership;
import org.jointraft.core.Message;
import org.jointraft.core.NodeConfig;
import org.jointraft.core.RaftNode;
import org.jointraft.core.Role;

/**
 * A 3-node impl cluster on a FIFO network for tests: leaders take a client write every 5 ticks and one
 * membership proposal at tick 200; every 7th delivery is duplicated and every 11th dropped.
 */
final class TinyCluster {

    static final Membership BOOT = Membership.of(1, 2, 3);

    private TinyCluster() {}

    static void run(TraceObserver observer, int ticks) {
        Map<Integer, RaftNode> nodes = new LinkedHashMap<>();
        for (int id = 1; id <= 3; id++) {
            nodes.put(id, new RaftNode(NodeConfig.of(id, BOOT, 100 + id), observer));
        }
        Deque<Message> network = new ArrayDeque<>();
        int delivered = 0;
        for (int tick = 0; tick < ticks; tick++) {
            for (RaftNode n : nodes.values()) {
                network.addAll(n.tick().messages());
                if (n.role() == Role.LEADER && tick % 5 == 0) {
                    network.addAll(n.propose("v" + tick).ready().messages());
                }
                if (n.role() == Role.LEADER && tick == 200) {
                    network.addAll(n.proposeMembership(Membership.joint(List.of(1, 2, 3), List.of(1, 2), List.of()))
                            .ready().messages());
                }
            }
            for (int k = network.size(); k > 0; k--) {
                Message m = network.poll();
                delivered++;
                if (delivered % 11 == 0) {
                    observer.onDrop(m);
                    continue;
                }
                if (delivered % 7 == 0) {
                    observer.onDuplicate(m);
                    network.add(m);
                }
                network.addAll(nodes.get(m.dest()).receive(m).messages());
            }
        }
    }
}
