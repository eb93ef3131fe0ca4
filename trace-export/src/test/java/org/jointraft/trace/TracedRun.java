package org.jointraft.trace;

import java.util.List;
import org.jointraft.cluster.ClusterListener;
import org.jointraft.cluster.Network;
import org.jointraft.cluster.NodeStatus;
import org.jointraft.cluster.VirtualCluster;
import org.jointraft.core.Membership;
import org.jointraft.core.Message;

/**
 * A traced run of a 3-node {@link VirtualCluster} for tests: leaders take a client write every 5 ticks and one
 * membership proposal at tick 200; a follower crashes at tick 250 for 15 ticks; messages take one tick, and every
 * 7th due message is copied and every 11th lost.
 */
final class TracedRun {

    static final Membership BOOT = Membership.of(1, 2, 3);

    private TracedRun() {}

    static void run(TraceObserver observer, int ticks) {
        VirtualCluster c = VirtualCluster.builder(BOOT).seed(100).network(new EveryNth()).observer(observer)
                .listener(new ClusterListener() {
                    @Override
                    public void onDrop(Message m) {
                        observer.onDrop(m);
                    }

                    @Override
                    public void onDuplicate(Message m) {
                        observer.onDuplicate(m);
                    }

                    @Override
                    public void onStatus(int node, NodeStatus status, String why) {
                        if (status == NodeStatus.CRASHED) {
                            observer.onCrash(node);
                        }
                    }
                }).build();
        for (int tick = 0; tick < ticks; tick++) {
            int leader = c.leader();
            if (leader != 0 && tick % 5 == 0) {
                c.propose(leader, "v" + tick);
            }
            if (leader != 0 && tick == 200) {
                c.handle(leader, c.node(leader).proposeMembership(
                        Membership.joint(List.of(1, 2, 3), List.of(1, 2), List.of())).ready());
            }
            if (tick == 250) {
                c.crash(leader == 3 ? 2 : 3, 15);
            }
            c.tick();
        }
    }

    /** One tick per message; counts due messages to copy every 7th and lose every 11th. */
    private static final class EveryNth implements Network {
        private int due;

        @Override
        public long arrival(Message m, long now) {
            return now + 1;
        }

        @Override
        public Fate fate(Message m) {
            due++;
            return due % 11 == 0 ? Fate.DROP : due % 7 == 0 ? Fate.DUPLICATE : Fate.DELIVER;
        }
    }
}
