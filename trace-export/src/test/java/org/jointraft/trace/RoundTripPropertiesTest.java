package org.jointraft.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jointraft.core.CallOperation;
import org.jointraft.core.RejectReason;
import org.jointraft.core.Role;

/** Any valid events survive write-then-read unchanged, and writing is deterministic. */
class RoundTripPropertiesTest {

    private static final int N = 5;
    private static final TraceHeader HEADER =
            new TraceHeader(List.of(1, 2, 3, 4, 5), TraceMembership.uniform(1, 2, 3), 9, "props", null);

    @Property(tries = 200)
    void anyValidEventsReadBackEqualAndWriteIdentically(@ForAll("events") List<TraceEvent> events) throws IOException {
        byte[] first = write(events);

        assertThat(new TraceReader().parse(new String(first, StandardCharsets.UTF_8)).events()).isEqualTo(events);
        assertThat(write(events)).isEqualTo(first);
    }

    private static byte[] write(List<TraceEvent> events) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TraceWriter w = new TraceWriter(bytes)) {
            w.writeHeader(HEADER);
            events.forEach(w);
        }
        return bytes.toByteArray();
    }

    @Provide
    Arbitrary<List<TraceEvent>> events() {
        return event().list().ofMaxSize(12);
    }

    private static Arbitrary<Long> nat() {
        return Arbitraries.longs().between(0, Integer.MAX_VALUE);
    }

    private static Arbitrary<Integer> node() {
        return Arbitraries.integers().between(1, N);
    }

    private static Arbitrary<List<Integer>> nodeSet(int minSize) {
        return node().set().ofMinSize(minSize).map(s -> List.copyOf(new TreeSet<>(s)));
    }

    private static Arbitrary<TraceMembership> membership() {
        return nodeSet(1).list().ofMinSize(1).ofMaxSize(2).flatMap(configs -> nodeSet(0).map(learners -> {
            List<Integer> disjoint = new ArrayList<>(learners);
            configs.forEach(disjoint::removeAll);
            return new TraceMembership(configs, disjoint);
        }));
    }

    private static Arbitrary<TraceEntry> entry() {
        return Arbitraries.oneOf(nat().map(TraceEntry::blank), nat().map(TraceEntry::normal),
                Combinators.combine(nat(), membership()).as(TraceEntry::member));
    }

    private static Arbitrary<TraceState> state() {
        return Combinators.combine(nat(), Arbitraries.integers().between(0, N), Arbitraries.of(Role.class), nat(),
                nat(), nat(), membership(), nat()).as(TraceState::new);
    }

    /** Distinct source and dest. */
    private static Arbitrary<List<Integer>> pair() {
        return node().list().ofSize(2).uniqueElements();
    }

    private static Arbitrary<TraceMessage.RequestVote> requestVote() {
        return Combinators.combine(nat(), pair(), nat(), nat())
                .as((t, p, i, lt) -> new TraceMessage.RequestVote(t, p.get(0), p.get(1), i, lt));
    }

    private static Arbitrary<TraceMessage.AppendEntries> appendEntries() {
        return Combinators.combine(nat(), pair(), nat(), nat(), entry().list().ofMaxSize(3), nat())
                .as((t, p, i, lt, es, c) -> new TraceMessage.AppendEntries(t, p.get(0), p.get(1), i, lt, es, c));
    }

    private static Arbitrary<TraceMessage> anyMessage() {
        return Arbitraries.oneOf(requestVote(), appendEntries(),
                Combinators.combine(nat(), pair(), Arbitraries.of(true, false))
                        .as((t, p, g) -> new TraceMessage.RequestVoteResponse(t, p.get(0), p.get(1), g)),
                Combinators.combine(nat(), pair(), Arbitraries.of(true, false), nat())
                        .as((t, p, s, m) -> new TraceMessage.AppendEntriesResponse(t, p.get(0), p.get(1), s, m)));
    }

    /** The cause of a proposal: none (both null), or a positive call id and step 1 or 2. */
    private record Cause(Long call, Integer step) { }

    private static Arbitrary<Cause> cause() {
        return Arbitraries.oneOf(Arbitraries.just(new Cause(null, null)),
                Combinators.combine(Arbitraries.longs().between(1, Integer.MAX_VALUE), Arbitraries.integers().between(1, 2))
                        .as(Cause::new));
    }

    private static Arbitrary<TraceEvent> event() {
        Arbitrary<Long> pos = Arbitraries.longs().between(1, Integer.MAX_VALUE);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(node(), state()).as((n, s) -> new TraceEvent.Timeout(n, s)),
                Combinators.combine(node(), state()).as((n, s) -> new TraceEvent.StepDown(n, s)),
                Combinators.combine(node(), state()).as((n, s) -> new TraceEvent.Restart(n, s)),
                Combinators.combine(requestVote(), state()).as((m, s) -> new TraceEvent.SendRequestVote(m.source(), m, s)),
                Combinators.combine(requestVote(), Arbitraries.of(true, false), nat(), state()).as((m, g, t, s) ->
                        new TraceEvent.HandleRequestVote(m.dest(), m,
                                new TraceMessage.RequestVoteResponse(t, m.dest(), m.source(), g), s)),
                Combinators.combine(requestVote(), Arbitraries.of(true, false), state()).as((m, g, s) ->
                        new TraceEvent.HandleRequestVoteResponse(m.source(),
                                new TraceMessage.RequestVoteResponse(m.term(), m.dest(), m.source(), g), s)),
                Combinators.combine(node(), nat(), pos, state())
                        .as((n, t, i, s) -> new TraceEvent.BecomeLeader(n, TraceEntry.blank(t), i, s)),
                Combinators.combine(node(), nat(), pos, state())
                        .as((n, t, i, s) -> new TraceEvent.ClientRequest(n, TraceEntry.normal(t), i, s)),
                Combinators.combine(node(), nat(), membership(), pos, cause(), state())
                        .as((n, t, m, i, c, s) -> new TraceEvent.ProposeMembership(n, TraceEntry.member(t, m), i,
                                c.call(), c.step(), s)),
                Combinators.combine(node(), Arbitraries.of(RejectReason.class), membership(), cause(), state())
                        .as((n, r, m, c, s) -> new TraceEvent.ProposeMembershipRejected(n, r, m, c.call(), c.step(), s)),
                node().map(TraceEvent.Crash::new),
                Combinators.combine(appendEntries(), state()).as((m, s) -> new TraceEvent.SendAppendEntries(m.source(), m, s)),
                Combinators.combine(appendEntries(), Arbitraries.of(true, false), nat(), state()).as((m, ok, mi, s) ->
                        new TraceEvent.HandleAppendEntries(m.dest(), m,
                                new TraceMessage.AppendEntriesResponse(m.term(), m.dest(), m.source(), ok, mi), s)),
                Combinators.combine(appendEntries(), Arbitraries.of(true, false), nat(), pos.injectNull(0.5), state())
                        .as((m, ok, mi, match, s) -> new TraceEvent.HandleAppendEntriesResponse(m.source(),
                                new TraceMessage.AppendEntriesResponse(m.term(), m.dest(), m.source(), ok, mi), match, s)),
                Combinators.combine(node(), pos, state()).as((n, c, s) -> new TraceEvent.AdvanceCommitIndex(n, c, s)),
                anyMessage().map(m -> new TraceEvent.DropMessage(m)),
                anyMessage().map(m -> new TraceEvent.DuplicateMessage(m)),
                Combinators.combine(node(), pos, Arbitraries.of(TraceChange.Type.class), nodeSet(1), Arbitraries.of(true, false),
                        nat().injectNull(0.5), membership().injectNull(0.5))
                        .as((n, c, type, ids, retain, expected, target) -> new TraceEvent.CallStart(n, c,
                                Arbitraries.of(CallOperation.class).sample(), List.of(new TraceChange(type, ids)), retain,
                                expected, target)),
                Combinators.combine(node(), pos, membership().injectNull(0.5))
                        .as((n, c, m) -> new TraceEvent.CallEnd(n, c, m != null, m, m == null ? "in_progress" : null))));
    }
}
