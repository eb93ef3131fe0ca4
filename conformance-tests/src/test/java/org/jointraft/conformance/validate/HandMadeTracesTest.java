package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceEntry;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceMembership;
import org.jointraft.trace.TraceMessage;
import org.jointraft.trace.TraceState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short traces written event by event: voters 1..3 and learner 4; node 1 campaigns with one other vote. */
class HandMadeTracesTest {
    private static final TraceMembership BOOT = TraceMembership.uniform(1, 2, 3).withLearners(4);

    @TempDir
    Path dir;

    private static TraceState state(long term, int votedFor, Role role, long last, long lastTerm) {
        return new TraceState(term, votedFor, role, 1, last, lastTerm, BOOT, 1);
    }

    /** Node 1 times out, asks {@code voter}, gets its vote, and claims leadership. */
    private Path election(int voter) throws IOException {
        TraceMessage.RequestVote ask = new TraceMessage.RequestVote(1, 1, voter, 1, 0);
        TraceMessage.RequestVoteResponse yes = new TraceMessage.RequestVoteResponse(1, voter, 1, true);
        TraceState candidate = state(1, 1, Role.CANDIDATE, 1, 0);
        List<TraceEvent> events = List.of(
                new TraceEvent.Timeout(1, candidate),
                new TraceEvent.SendRequestVote(1, ask, candidate),
                new TraceEvent.HandleRequestVote(voter, ask, yes, state(1, 1, Role.FOLLOWER, 1, 0)),
                new TraceEvent.HandleRequestVoteResponse(1, yes, candidate),
                new TraceEvent.BecomeLeader(1, TraceEntry.blank(1), 2, state(1, 1, Role.LEADER, 2, 1)));
        TraceHeader header = new TraceHeader(List.of(1, 2, 3, 4), BOOT, 7, "hand-made", null);
        return TraceEdit.of(header, events).write(dir.resolve("election-" + voter + ".ndjson"));
    }

    @Test
    void aLeaderElectedWithTheVoteOfAVoterIsAccepted() throws IOException {
        Verdict v = Validators.validator().validate(election(2));

        assertThat(v.accepted()).as(v.reason()).isTrue();
        assertThat(v.events()).isEqualTo(5);
    }

    @Test
    void aVoteRequestToALearnerBreaksTheContract() throws IOException {
        Verdict v = Validators.validator().validate(election(4));

        assertThat(v.accepted()).isFalse();
        assertThat(v.rejectedAt()).isEqualTo(2);
        assertThat(v.diagnosis().orElseThrow().differences()).extracting(Diagnosis.Difference::name)
                .containsExactly("requestsToMembers");
        InvalidTraceCorpus.exportIfAsked(v.trace(), v.diagnosis().orElseThrow());
    }

    @Test
    void aLearnersVoteDoesNotCountTowardsTheQuorumEvenWithoutTheContractChecks() throws IOException {
        Verdict v = Validators.validator().withoutContractChecks().validate(election(4));

        assertThat(v.accepted()).isFalse();
        assertThat(v.rejectedAt()).isEqualTo(5);
        assertThat(v.diagnosis().orElseThrow().falseGuards()).containsExactly("quorumOfVotes");
        assertThat(v.diagnosis().orElseThrow().specState()).containsEntry("votesGranted", "{1, 4}");
    }
}
