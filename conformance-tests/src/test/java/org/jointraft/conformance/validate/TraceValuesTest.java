package org.jointraft.conformance.validate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.jointraft.core.CallOperation;
import org.jointraft.core.RejectReason;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceChange;
import org.jointraft.trace.TraceEntry;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceMembership;
import org.jointraft.trace.TraceMessage;
import org.jointraft.trace.TraceState;
import org.junit.jupiter.api.Test;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.Value;

/** The TLC records of the events the trace spec reads: every record of one event has the same fields. */
class TraceValuesTest {

    private static final TraceMembership M = TraceMembership.uniform(1, 2);
    private static final TraceState S = new TraceState(1, 1, Role.LEADER, 2, 3, 1, M, 3);
    private static final String NO_MEMBERSHIP = "[configs |-> <<>>, learners |-> {}]";

    private final TraceValues values = new TraceValues();

    private String tla(TraceEvent e) {
        return values.event(e).toString().replaceAll("\\s+", " ");
    }

    private static String fields(Value record) {
        return Arrays.stream(((RecordValue) record).names).map(Object::toString).sorted().collect(Collectors.joining(","));
    }

    @Test
    void aProposalCarriesCallAndStepAndZeroForBothWhenNoCallMadeIt() {
        TraceEvent byCall = new TraceEvent.ProposeMembership(1, TraceEntry.member(1, M), 3, 7L, 2, S);
        TraceEvent byNoCall = new TraceEvent.ProposeMembership(1, TraceEntry.member(1, M), 3, S);
        assertThat(tla(byCall)).contains("call |-> 7").contains("step |-> 2");
        assertThat(tla(byNoCall)).contains("call |-> 0").contains("step |-> 0");
        assertThat(fields(values.event(byCall))).isEqualTo(fields(values.event(byNoCall)))
                .isEqualTo("call,entry,event,index,node,state,step");

        TraceEvent refused = new TraceEvent.ProposeMembershipRejected(1, RejectReason.IN_PROGRESS, M, 7L, 1, S);
        TraceEvent refusedNoCall = new TraceEvent.ProposeMembershipRejected(1, RejectReason.IN_PROGRESS, M, S);
        assertThat(tla(refused)).contains("call |-> 7").contains("step |-> 1");
        assertThat(tla(refusedNoCall)).contains("call |-> 0").contains("step |-> 0");
        assertThat(fields(values.event(refused))).isEqualTo(fields(values.event(refusedNoCall)))
                .isEqualTo("call,event,membership,node,reason,state,step");
    }

    @Test
    void callStartHasKindChangesRetainExpectedAndTarget() {
        TraceEvent guarded = new TraceEvent.CallStart(2, 5, CallOperation.CHANGE_MEMBERSHIP_IF,
                List.of(new TraceChange(TraceChange.Type.AddVoters, List.of(3)),
                        new TraceChange(TraceChange.Type.RemoveLearners, List.of(4, 5))), true, 3L, null);
        TraceEvent explicit = new TraceEvent.CallStart(2, 6, CallOperation.PROPOSE_MEMBERSHIP, List.of(), false, null,
                new TraceMembership(List.of(List.of(1, 2), List.of(2)), List.of()));
        Value changes = ((RecordValue) values.event(guarded)).select(new tlc2.value.impl.StringValue("changes"));
        assertThat(tla(guarded)).contains("call |-> 5").contains("kind |-> \"change_membership_if\"")
                .contains("retain |-> TRUE").contains("expected |-> 3").contains("target |-> " + NO_MEMBERSHIP);
        assertThat(((tlc2.value.impl.TupleValue) changes).elems).hasSize(2);
        assertThat(changes.toString().replaceAll("\\s+", " ")).contains("type |-> \"AddVoters\"").contains("nodes |-> {3}")
                .contains("type |-> \"RemoveLearners\"").contains("nodes |-> {4, 5}");
        assertThat(tla(explicit)).contains("kind |-> \"propose_membership\"").contains("changes |-> <<>>")
                .contains("expected |-> 0").contains("target |-> [configs |-> <<{1, 2}, {2}>>, learners |-> {}]");
        assertThat(fields(values.event(guarded))).isEqualTo(fields(values.event(explicit)))
                .isEqualTo("call,changes,event,expected,kind,node,retain,target");
    }

    @Test
    void callEndHasOkMembershipAndErrorWithDefaultsWhenAbsent() {
        TraceEvent ok = new TraceEvent.CallEnd(2, 5, true, M, null);
        TraceEvent failed = new TraceEvent.CallEnd(2, 6, false, null, "precondition_failed");
        assertThat(tla(ok)).contains("call |-> 5").contains("ok |-> TRUE")
                .contains("membership |-> [configs |-> <<{1, 2}>>, learners |-> {}]").contains("error |-> \"\"");
        assertThat(tla(failed)).contains("call |-> 6").contains("ok |-> FALSE").contains("membership |-> " + NO_MEMBERSHIP)
                .contains("error |-> \"precondition_failed\"");
        assertThat(fields(values.event(ok))).isEqualTo(fields(values.event(failed)))
                .isEqualTo("call,error,event,membership,node,ok");
    }

    @Test
    void aCrashIsItsEventAndNode() {
        Value crash = values.event(new TraceEvent.Crash(3));
        assertThat(fields(crash)).isEqualTo("event,node");
        assertThat(crash.toString()).contains("event |-> \"Crash\"").contains("node |-> 3");
    }

    @Test
    void theHeaderCarriesTheSchemaVersion() {
        TraceHeader v3 = new TraceHeader(List.of(1, 2), M, 1, "t", null);
        TraceHeader v1 = new TraceHeader(List.of(1, 2), M, 1, "t", null, 1);
        assertThat(TraceValues.header(v3).toString()).contains("version |-> 3");
        assertThat(TraceValues.header(v1).toString()).contains("version |-> 1").contains("nodes |-> {1, 2}");
    }

    @Test
    void anInstallSnapshotCarriesItsMembershipAsMemAndStatesTheirSnapshotIndex() {
        TraceState withSnapshot = new TraceState(1, 1, Role.LEADER, 4, 4, 1, M, 3, 4);
        TraceMessage.InstallSnapshot msg = new TraceMessage.InstallSnapshot(1, 1, 2, 4, 1, 3, M);
        Value sent = values.event(new TraceEvent.SendInstallSnapshot(1, msg, withSnapshot));
        assertThat(fields(sent)).isEqualTo("event,msg,node,state");
        Value record = values.message(msg);
        assertThat(fields(record)).isEqualTo("dest,lastIndex,lastTerm,mem,memIndex,source,term,type");
        assertThat(record.toString().replaceAll("\\s+", " ")).contains("type |-> \"InstallSnapshot\"")
                .contains("lastIndex |-> 4").contains("memIndex |-> 3")
                .contains("mem |-> [configs |-> <<{1, 2}>>, learners |-> {}]");
        assertThat(values.state(withSnapshot).toString()).contains("snapshotIndex |-> 4");
        assertThat(values.state(S).toString()).contains("snapshotIndex |-> 0");
        Value handled = values.event(new TraceEvent.HandleInstallSnapshot(2, new TraceMessage.InstallSnapshot(1, 1, 2, 4,
                1, 3, M), new TraceMessage.AppendEntriesResponse(1, 2, 1, true, 4), withSnapshot));
        assertThat(fields(handled)).isEqualTo("event,msg,node,reply,state");
        assertThat(tla(new TraceEvent.TakeSnapshot(1, 4, withSnapshot))).contains("event |-> \"TakeSnapshot\"")
                .contains("index |-> 4");
    }
}
