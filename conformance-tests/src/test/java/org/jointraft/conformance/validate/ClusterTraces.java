package org.jointraft.conformance.validate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.jointraft.core.Membership;
import org.jointraft.core.Message;
import org.jointraft.core.NodeConfig;
import org.jointraft.core.RaftNode;
import org.jointraft.core.Ready;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceObserver;
import org.jointraft.trace.TraceWriter;

/**
 * Writes traces of small impl clusters for the validation tests, independent of the simulator: nodes
 * 1..n with bootstrap voters 1..3, a network that delivers a random in-flight message each step and
 * sometimes drops or duplicates one, client writes, restarts, and leaders that propose coherent
 * memberships (uniform to joint to uniform) over all n nodes, sometimes with a learner.
 */
final class ClusterTraces {
    private ClusterTraces() { }

    /** A trace of about {@code steps} scheduler steps of an {@code n}-node cluster, written to {@code file}. */
    static Path write(Path file, int n, long seed, int steps) {
        Membership boot = Membership.of(1, 2, 3);
        List<Integer> ids = new ArrayList<>();
        for (int id = 1; id <= n; id++) {
            ids.add(id);
        }
        try (TraceWriter writer = TraceWriter.open(file)) {
            writer.writeHeader(new TraceHeader(ids, TraceObserver.toMembership(boot), seed, "validate-fixture", null));
            TraceObserver observer = new TraceObserver(writer);
            run(observer, boot, n, new Random(seed), steps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static void run(TraceObserver observer, Membership boot, int n, Random random, int steps) {
        Map<Integer, RaftNode> nodes = new LinkedHashMap<>();
        for (int id = 1; id <= n; id++) {
            nodes.put(id, new RaftNode(NodeConfig.of(id, boot, random.nextLong()), observer));
        }
        List<Message> network = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            int roll = random.nextInt(100);
            if (roll < 30 || network.isEmpty()) {
                for (RaftNode node : nodes.values()) {
                    network.addAll(node.tick().messages());
                }
            } else if (roll < 85) {
                Message m = network.remove(random.nextInt(network.size()));
                network.addAll(nodes.get(m.dest()).receive(m).messages());
            } else if (roll < 89) {
                observer.onDrop(network.remove(random.nextInt(network.size())));
            } else if (roll < 92) {
                Message m = network.get(random.nextInt(network.size()));
                observer.onDuplicate(m);
                network.add(m);
            } else if (roll < 97) {
                leader(nodes).ifPresent(l -> network.addAll(l.propose("w").ready().messages()));
            } else if (roll < 99) {
                leader(nodes).ifPresent(l -> network.addAll(propose(l, n, random)));
            } else {
                RaftNode victim = nodes.get(1 + random.nextInt(n));
                network.addAll(victim.restart().messages());
            }
        }
    }

    private static java.util.Optional<RaftNode> leader(Map<Integer, RaftNode> nodes) {
        return nodes.values().stream().filter(x -> x.role() == Role.LEADER).findFirst();
    }

    /** From [A] propose [A, B]; from [A, B] propose [B]; B three random nodes, maybe with a learner. */
    private static List<Message> propose(RaftNode leader, int n, Random random) {
        Membership current = leader.effectiveMembership();
        Membership target;
        if (current.configs().size() == 2) {
            target = Membership.uniform(current.configs().get(1), current.learners());
        } else {
            TreeSet<Integer> next = new TreeSet<>();
            while (next.size() < 3) {
                next.add(1 + random.nextInt(n));
            }
            TreeSet<Integer> learners = new TreeSet<>();
            for (int id = 1; id <= n; id++) {
                if (!next.contains(id) && !current.configs().get(0).contains(id) && random.nextBoolean()) {
                    learners.add(id);
                }
            }
            target = Membership.joint(current.configs().get(0), next, learners);
        }
        Ready ready = leader.proposeMembership(target).ready();
        return ready.messages();
    }
}
