package org.jointraft.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.cluster.ClusterListener;
import org.jointraft.cluster.VirtualCluster;

/**
 * Records every step, call event and delivered message of a cluster, and fails at once on a second leader in one term
 * (election safety) or on two different entries committed at one index (state machine safety).
 */
final class RecordingObserver implements StepObserver, ClusterListener {

    record Record(int node, Step step, NodeState post) {
    }

    final List<Record> steps = new ArrayList<>();
    final List<CallEvent> calls = new ArrayList<>();
    /** Every message delivered, in order. */
    final List<Message> delivered = new ArrayList<>();
    private final Map<Long, Integer> leaderOfTerm = new HashMap<>();
    private final Map<Long, Entry> committed = new HashMap<>();

    /** Nodes 1 to the bootstrap's highest member on an instant network, reporting here. */
    VirtualCluster cluster(Membership bootstrap) {
        return builder(bootstrap).build();
    }

    /** Nodes 1..nodes on an instant network, reporting here. */
    VirtualCluster cluster(Membership bootstrap, int nodes) {
        return builder(bootstrap).nodes(nodes).build();
    }

    VirtualCluster.Builder builder(Membership bootstrap) {
        return VirtualCluster.builder(bootstrap).observer(this).listener(this);
    }

    @Override
    public void onStep(int node, Step step, NodeState post) {
        steps.add(new Record(node, step, post));
        if (step instanceof Step.BecomeLeader) {
            Integer other = leaderOfTerm.putIfAbsent(post.term(), node);
            if (other != null && other != node) {
                throw new AssertionError("election safety: nodes " + other + " and " + node
                        + " both became leader of term " + post.term());
            }
        }
    }

    @Override
    public void onCall(int node, CallEvent event) {
        calls.add(event);
    }

    @Override
    public void onDeliver(Message m) {
        delivered.add(m);
    }

    @Override
    public void afterInput(int node, Ready ready) {
        for (int k = 0; k < ready.committed().size(); k++) {
            long index = ready.firstCommittedIndex() + k;
            Entry entry = ready.committed().get(k);
            Entry earlier = committed.putIfAbsent(index, entry);
            if (earlier != null && !earlier.equals(entry)) {
                throw new AssertionError("state machine safety: node " + node + " committed " + entry + " at " + index
                        + " where " + earlier + " was committed before");
            }
        }
    }

    /** The entry some node committed at {@code index}, or null. */
    Entry committedAt(long index) {
        return committed.get(index);
    }

    /** Step record class names of {@code node} from position {@code from} of the whole record on. */
    List<String> namesOf(int node, int from) {
        List<String> names = new ArrayList<>();
        for (Record r : steps.subList(from, steps.size())) {
            if (r.node() == node) {
                names.add(r.step().getClass().getSimpleName());
            }
        }
        return names;
    }

    int size() {
        return steps.size();
    }

    long leadersElected() {
        return leaderOfTerm.size();
    }
}
