package org.jointraft.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Records every step and call event, and fails at once on a second leader in one term (election safety). */
final class RecordingObserver implements StepObserver {

    record Record(int node, Step step, NodeState post) {
    }

    final List<Record> steps = new ArrayList<>();
    final List<CallEvent> calls = new ArrayList<>();
    private final Map<Long, Integer> leaderOfTerm = new HashMap<>();

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
