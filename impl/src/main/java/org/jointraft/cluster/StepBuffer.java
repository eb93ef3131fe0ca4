package org.jointraft.cluster;

import java.util.ArrayList;
import java.util.List;
import org.jointraft.core.CallEvent;
import org.jointraft.core.NodeState;
import org.jointraft.core.Step;
import org.jointraft.core.StepObserver;

/**
 * Passes steps on to an observer, except while an input that may crash before its sync is held: its steps wait
 * until the sync and are forgotten if the crash comes first, since nothing of them survived (no write was durable,
 * no message left) and a trace must not claim they happened.
 */
final class StepBuffer implements StepObserver {

    private final StepObserver target;
    private final List<Runnable> held = new ArrayList<>();
    private boolean holding;

    StepBuffer(StepObserver target) {
        this.target = target;
    }

    void hold() {
        holding = true;
    }

    /** The input's output is durable: its steps are passed on, in order. */
    void release() {
        holding = false;
        List<Runnable> steps = List.copyOf(held);
        held.clear();
        steps.forEach(Runnable::run);
    }

    /** The node crashed before its sync: the steps are dropped. */
    void discard() {
        holding = false;
        held.clear();
    }

    @Override
    public void onStep(int node, Step step, NodeState post) {
        if (holding) {
            held.add(() -> target.onStep(node, step, post));
        } else {
            target.onStep(node, step, post);
        }
    }

    @Override
    public void onCall(int node, CallEvent event) {
        if (holding) {
            held.add(() -> target.onCall(node, event));
        } else {
            target.onCall(node, event);
        }
    }
}
