package org.jointraft.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceMessage.RequestVote;
import org.jointraft.trace.TraceMessage.RequestVoteResponse;
import org.junit.jupiter.api.Test;

class TraceMergeTest {

    private static final TraceState S = Samples.state(1, 1, Role.CANDIDATE, 1, 1, 0);
    private static final RequestVote RV = new RequestVote(1, 1, 2, 1, 0);
    private static final RequestVoteResponse RVR = new RequestVoteResponse(1, 2, 1, true);

    @Test
    void aReceiveIsPlacedAfterItsSendEvenWhenTheReceiverIsListedFirst() {
        List<TraceEvent> node2 = List.of(new TraceEvent.HandleRequestVote(2, RV, RVR, S));
        List<TraceEvent> node1 = List.of(new TraceEvent.Timeout(1, S), new TraceEvent.SendRequestVote(1, RV, S),
                new TraceEvent.HandleRequestVoteResponse(1, RVR, S));

        List<TraceEvent> merged = TraceMerge.merge(List.of(node2, node1));

        assertThat(merged).extracting(TraceEvent::event).containsExactly(
                "Timeout", "SendRequestVote", "HandleRequestVote", "HandleRequestVoteResponse");
    }

    @Test
    void aDuplicatedMessageMayBeReceivedTwice() {
        List<TraceEvent> node1 = List.of(new TraceEvent.SendRequestVote(1, RV, S));
        List<TraceEvent> node2 = List.of(new TraceEvent.DuplicateMessage(RV),
                new TraceEvent.HandleRequestVote(2, RV, RVR, S), new TraceEvent.HandleRequestVote(2, RV, RVR, S));

        assertThat(TraceMerge.merge(List.of(node2, node1))).extracting(TraceEvent::event)
                .containsExactly("SendRequestVote", "DuplicateMessage", "HandleRequestVote", "HandleRequestVote");
    }

    @Test
    void aSecondReceiveOfASingleCopyIsRefused() {
        List<TraceEvent> node1 = List.of(new TraceEvent.SendRequestVote(1, RV, S));
        List<TraceEvent> node2 = List.of(new TraceEvent.HandleRequestVote(2, RV, RVR, S),
                new TraceEvent.HandleRequestVote(2, RV, RVR, S));

        assertThatThrownBy(() -> TraceMerge.merge(List.of(node1, node2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no causal order")
                .hasMessageContaining("list 1 at position 1: HandleRequestVote[node=2");
    }

    /** Splits a real run by node (network events go to the destination), merges it back, and replays it. */
    @Test
    void aRealRunSplitByNodeMergesIntoACausalOrderThatKeepsEachNodesOrder() throws IOException {
        List<TraceEvent> original = new ArrayList<>();
        TracedRun.run(new TraceObserver(original::add), 300);
        Map<Integer, List<TraceEvent>> byNode = original.stream()
                .collect(Collectors.groupingBy(TraceEvent::node, Collectors.toList()));

        List<TraceEvent> merged = TraceMerge.merge(List.of(byNode.get(3), byNode.get(2), byNode.get(1)));

        assertThat(merged).hasSameSizeAs(original);
        for (int node = 1; node <= 3; node++) {
            int n = node;
            assertThat(merged.stream().filter(e -> e.node() == n).toList())
                    .isEqualTo(byNode.get(n));
        }
        assertEveryReceiveHasAPriorSend(merged);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter writer = new TraceWriter(bytes)) {
            writer.writeHeader(new TraceHeader(List.of(1, 2, 3), TraceObserver.toMembership(TracedRun.BOOT), 1, "merge", null));
            merged.forEach(writer);
        }
        assertThat(new TraceReader().parse(bytes.toString(StandardCharsets.UTF_8)).events()).isEqualTo(merged);
    }

    /** An independent replay of the bag, so the test does not trust TraceMerge's own bookkeeping. */
    private static void assertEveryReceiveHasAPriorSend(List<TraceEvent> trace) {
        Map<TraceMessage, Integer> bag = new HashMap<>();
        for (TraceEvent e : trace) {
            TraceMessage in = e instanceof TraceEvent.HandleAppendEntries h ? h.msg()
                    : e instanceof TraceEvent.HandleAppendEntriesResponse h ? h.msg()
                    : e instanceof TraceEvent.HandleRequestVote h ? h.msg()
                    : e instanceof TraceEvent.HandleRequestVoteResponse h ? h.msg()
                    : e instanceof TraceEvent.NetworkEvent n ? n.msg() : null;
            if (in != null) {
                assertThat(bag.getOrDefault(in, 0)).as("copies of the message of %s", e).isPositive();
                if (!(e instanceof TraceEvent.DuplicateMessage)) {
                    bag.merge(in, -1, Integer::sum);
                }
            }
            TraceMessage out = e instanceof TraceEvent.SendAppendEntries s ? s.msg()
                    : e instanceof TraceEvent.HandleAppendEntries h ? h.reply()
                    : e instanceof TraceEvent.SendRequestVote s ? s.msg()
                    : e instanceof TraceEvent.HandleRequestVote h ? h.reply()
                    : e instanceof TraceEvent.DuplicateMessage d ? d.msg() : null;
            if (out != null) {
                bag.merge(out, 1, Integer::sum);
            }
        }
    }
}
