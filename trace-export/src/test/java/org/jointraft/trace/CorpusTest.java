package org.jointraft.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed traces: each must be refused with an error naming the right line and field. */
class CorpusTest {

    static final String HEADER = "{\"schema\":\"jointraft-trace\",\"version\":2,\"nodes\":[1,2,3,4],"
            + "\"bootstrap\":{\"configs\":[[1,2,3]],\"learners\":[]},\"seed\":7,\"scenario\":\"corpus\"}";
    static final String HEADER_V1 = HEADER.replace("\"version\":2", "\"version\":1");
    static final String HEADER_V3 = HEADER.replace("\"version\":2", "\"version\":3");
    static final String MEMBER_ENTRY = "\"entry\":{\"term\":1,\"kind\":\"member\",\"membership\":{\"configs\":[[1,2]],"
            + "\"learners\":[]}},\"index\":2";
    static final String REFUSED = "\"reason\":\"in_progress\",\"membership\":{\"configs\":[[1,2]],\"learners\":[]}";
    static final String STATE = "{\"term\":1,\"votedFor\":1,\"role\":\"Candidate\",\"commitIndex\":1,"
            + "\"lastLogIndex\":1,\"lastLogTerm\":0,\"membership\":{\"configs\":[[1,2,3]],\"learners\":[],\"index\":1}}";
    static final String TIMEOUT = event(1, 1, "Timeout", "", STATE);
    static final String RV = "{\"type\":\"RequestVote\",\"term\":1,\"source\":1,\"dest\":2,\"lastLogIndex\":1,\"lastLogTerm\":0}";
    static final String RVR = "{\"type\":\"RequestVoteResponse\",\"term\":1,\"source\":2,\"dest\":1,\"granted\":true}";
    static final String STATE_V3 = STATE.replace("\"index\":1}}", "\"index\":1},\"snapshotIndex\":3}");
    static final String IS = "{\"type\":\"InstallSnapshot\",\"term\":1,\"source\":1,\"dest\":2,\"lastIndex\":3,"
            + "\"lastTerm\":1,\"memIndex\":1,\"membership\":{\"configs\":[[1,2,3]],\"learners\":[]}}";
    static final String AER = "{\"type\":\"AppendEntriesResponse\",\"term\":1,\"source\":2,\"dest\":1,\"success\":true,\"matchIndex\":2}";

    /** One event line; {@code fields} is the JSON between the event name and the state (may be empty). */
    static String event(long seq, int node, String name, String fields, String state) {
        StringBuilder b = new StringBuilder("{\"seq\":").append(seq).append(",\"node\":").append(node)
                .append(",\"event\":\"").append(name).append('"');
        if (!fields.isEmpty()) {
            b.append(',').append(fields);
        }
        if (state != null) {
            b.append(",\"state\":").append(state);
        }
        return b.append('}').toString();
    }

    static String trace(String... lines) {
        return String.join("\n", lines) + "\n";
    }

    static String ae(String entries) {
        return "{\"type\":\"AppendEntries\",\"term\":1,\"source\":1,\"dest\":2,\"prevLogIndex\":1,\"prevLogTerm\":0,"
                + "\"entries\":[" + entries + "],\"commitIndex\":1}";
    }

    static String withState(String field, String value) {
        return STATE.replaceFirst("\"" + field + "\":[^,]*,", "\"" + field + "\":" + value + ",");
    }

    static String withMembership(String membership) {
        return STATE.replace("{\"configs\":[[1,2,3]],\"learners\":[],\"index\":1}", membership);
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                // whole lines
                bad("truncated last line", trace(HEADER, TIMEOUT, "{\"seq\":2,\"node\":1,\"event\":\"Timeout\",\"state\":{\"term\":1,"),
                        3, null, "not valid JSON"),
                bad("empty file", "", 1, null, "header line is missing"),
                bad("blank line between events", trace(HEADER, TIMEOUT, "", TIMEOUT), 3, null, "empty line"),
                bad("a line that is an array", trace(HEADER, "[1,2]"), 2, null, "expected a JSON object, got array"),
                bad("trailing garbage after the object", trace(HEADER, TIMEOUT + " x"), 2, null, "not valid JSON"),
                bad("duplicate field", trace(HEADER, TIMEOUT.replace("{\"seq\":1,", "{\"seq\":1,\"seq\":1,")),
                        2, null, "Duplicate field"),
                // header
                bad("first line is an event", trace(TIMEOUT), 1, "schema", "missing (the first line must be the header)"),
                bad("wrong schema name", trace(HEADER.replace("jointraft-trace", "raft-trace")), 1, "schema",
                        "expected \"jointraft-trace\""),
                bad("unsupported version", trace(HEADER.replace("\"version\":2", "\"version\":4")), 1, "version",
                        "unsupported version 4 (this reader supports 1 to 3)"),
                bad("version zero", trace(HEADER.replace("\"version\":2", "\"version\":0")), 1, "version",
                        "unsupported version 0"),
                bad("empty node list", trace(HEADER.replace("[1,2,3,4]", "[]")), 1, "nodes", "must not be empty"),
                bad("duplicate node ids", trace(HEADER.replace("[1,2,3,4]", "[1,2,2,3]")), 1, "nodes",
                        "sorted ascending without duplicates"),
                bad("node id zero", trace(HEADER.replace("[1,2,3,4]", "[0,1,2,3]")), 1, "nodes[0]", "must be positive"),
                bad("bootstrap names an unknown node", trace(HEADER.replace("[[1,2,3]]", "[[1,2,9]]")), 1,
                        "bootstrap.configs[0][2]", "unknown node 9"),
                bad("unknown header field", trace(HEADER.replace("\"seed\"", "\"colour\":1,\"seed\"")), 1, "colour",
                        "unknown field"),
                bad("seed as string", trace(HEADER.replace("\"seed\":7", "\"seed\":\"7\"")), 1, "seed",
                        "expected integer, got string"),
                // event framing
                bad("seq as string", trace(HEADER, TIMEOUT.replace("\"seq\":1", "\"seq\":\"1\"")), 2, "seq",
                        "expected integer, got string"),
                bad("seq starting at 0", trace(HEADER, event(0, 1, "Timeout", "", STATE)), 2, "seq", "must be positive, got 0"),
                bad("seq skipping a number", trace(HEADER, TIMEOUT, event(3, 1, "Timeout", "", STATE)), 3, "seq",
                        "expected 2"),
                bad("seq repeating", trace(HEADER, TIMEOUT, TIMEOUT), 3, "seq", "expected 2"),
                bad("missing state", trace(HEADER, event(1, 1, "Timeout", "", null)), 2, "state", "missing"),
                bad("missing node", trace(HEADER, TIMEOUT.replace("\"node\":1,", "")), 2, "node", "missing"),
                bad("unknown top-level field", trace(HEADER, event(1, 1, "Timeout", "\"extra\":1", STATE)), 2, "extra",
                        "unknown field"),
                bad("field of another event", trace(HEADER, event(1, 1, "Timeout", "\"commitIndex\":2", STATE)), 2,
                        "commitIndex", "unknown field"),
                bad("unknown event", trace(HEADER, event(1, 1, "Frobnicate", "", STATE)), 2, "event",
                        "unknown event \"Frobnicate\""),
                bad("unknown node", trace(HEADER, event(1, 9, "Timeout", "", STATE)), 2, "node", "unknown node 9"),
                // post-state
                bad("term beyond 32 bits", trace(HEADER, event(1, 1, "Timeout", "", withState("term", "4294967296"))), 2,
                        "state.term", "outside the 32-bit signed range"),
                bad("negative commit index", trace(HEADER, event(1, 1, "Timeout", "", withState("commitIndex", "-1"))), 2,
                        "state.commitIndex", "must be non-negative, got -1"),
                bad("fractional number", trace(HEADER, event(1, 1, "Timeout", "", withState("lastLogIndex", "1.5"))), 2,
                        "state.lastLogIndex", "expected integer, got number"),
                bad("null instead of a number", trace(HEADER, event(1, 1, "Timeout", "", withState("lastLogTerm", "null"))), 2,
                        "state.lastLogTerm", "expected integer, got null"),
                bad("bad role", trace(HEADER, event(1, 1, "Timeout", "", withState("role", "\"Boss\""))), 2, "state.role",
                        "unknown role \"Boss\""),
                bad("vote for an unknown node", trace(HEADER, event(1, 1, "Timeout", "", withState("votedFor", "7"))), 2,
                        "state.votedFor", "unknown node 7"),
                bad("membership without index", trace(HEADER, event(1, 1, "Timeout", "",
                        withMembership("{\"configs\":[[1,2,3]],\"learners\":[]}"))), 2, "state.membership.index", "missing"),
                bad("empty config", trace(HEADER, event(1, 1, "Timeout", "",
                        withMembership("{\"configs\":[[1,2,3],[]],\"learners\":[],\"index\":1}"))), 2,
                        "state.membership.configs[1]", "must not be empty"),
                bad("unsorted config", trace(HEADER, event(1, 1, "Timeout", "",
                        withMembership("{\"configs\":[[2,1,3]],\"learners\":[],\"index\":1}"))), 2,
                        "state.membership.configs[0]", "sorted ascending"),
                bad("learner also a voter", trace(HEADER, event(1, 1, "Timeout", "",
                        withMembership("{\"configs\":[[1,2,3]],\"learners\":[3,4],\"index\":1}"))), 2,
                        "state.membership.learners", "node 3 is both a learner and a voter"),
                bad("three configs", trace(HEADER, event(1, 1, "Timeout", "",
                        withMembership("{\"configs\":[[1],[2],[3]],\"learners\":[],\"index\":1}"))), 2,
                        "state.membership.configs", "expected 1 or 2 configs, got 3"),
                bad("no config", trace(HEADER, event(1, 1, "Timeout", "",
                        withMembership("{\"configs\":[],\"learners\":[],\"index\":1}"))), 2,
                        "state.membership.configs", "expected 1 or 2 configs, got 0"),
                bad("config as a number", trace(HEADER, event(1, 1, "Timeout", "",
                        withMembership("{\"configs\":[1,2],\"learners\":[],\"index\":1}"))), 2,
                        "state.membership.configs[0]", "expected array, got integer"),
                // messages
                bad("receive with msg.dest not the node", trace(HEADER, TIMEOUT,
                        event(2, 3, "HandleAppendEntries", "\"msg\":" + ae("") + ",\"reply\":" + AER, STATE)), 3,
                        "msg.dest", "must be the receiving node 3, got 2"),
                bad("wrong message type for the event", trace(HEADER, TIMEOUT,
                        event(2, 2, "HandleAppendEntries", "\"msg\":" + RV + ",\"reply\":" + AER, STATE)), 3,
                        "msg.type", "expected \"AppendEntries\" for HandleAppendEntries, got \"RequestVote\""),
                bad("wrong reply type", trace(HEADER, event(1, 2, "HandleRequestVote", "\"msg\":" + RV + ",\"reply\":" + AER, STATE)),
                        2, "reply.type", "expected \"RequestVoteResponse\""),
                bad("send from another node", trace(HEADER, event(1, 3, "SendRequestVote", "\"msg\":" + RV, STATE)), 2,
                        "msg.source", "must be the sending node 3, got 1"),
                bad("reply to the wrong node", trace(HEADER, event(1, 2, "HandleRequestVote",
                        "\"msg\":" + RV + ",\"reply\":" + RVR.replace("\"dest\":1", "\"dest\":3"), STATE)), 2,
                        "reply.dest", "must be the request's source 1, got 3"),
                bad("message to itself", trace(HEADER, event(1, 1, "SendRequestVote",
                        "\"msg\":" + RV.replace("\"dest\":2", "\"dest\":1"), STATE)), 2, "msg.dest", "does not send to itself"),
                bad("unknown message type", trace(HEADER, event(1, 2, "DropMessage",
                        "\"msg\":" + RV.replace("\"RequestVote\"", "\"Ping\""), null)), 2, "msg.type", "unknown message type"),
                bad("unknown field inside a message", trace(HEADER, event(1, 2, "DropMessage",
                        "\"msg\":" + RV.replace("}", ",\"colour\":1}"), null)), 2, "msg.colour", "unknown field"),
                bad("negative message term", trace(HEADER, event(1, 2, "DropMessage",
                        "\"msg\":" + RV.replace("\"term\":1", "\"term\":-1"), null)), 2, "msg.term", "must be non-negative"),
                bad("drop logged at the source", trace(HEADER, event(1, 1, "DropMessage", "\"msg\":" + RV, null)), 2,
                        "msg.dest", "must equal node 1"),
                bad("network event with a state", trace(HEADER, event(1, 2, "DuplicateMessage", "\"msg\":" + RV, STATE)), 2,
                        "state", "unknown field"),
                bad("entry term as string", trace(HEADER, event(1, 1, "SendAppendEntries", "\"msg\":" + ae(
                        "{\"term\":1,\"kind\":\"blank\"},{\"term\":1,\"kind\":\"normal\"},{\"term\":\"1\",\"kind\":\"normal\"}"),
                        STATE)), 2, "msg.entries[2].term", "expected integer, got string"),
                bad("unknown entry kind", trace(HEADER, event(1, 1, "SendAppendEntries",
                        "\"msg\":" + ae("{\"term\":1,\"kind\":\"weird\"}"), STATE)), 2, "msg.entries[0].kind",
                        "unknown entry kind \"weird\""),
                // appended entries
                bad("membership on a normal entry", trace(HEADER, event(1, 1, "ClientRequest",
                        "\"entry\":{\"term\":1,\"kind\":\"normal\",\"membership\":{\"configs\":[[1]],\"learners\":[]}},\"index\":2",
                        STATE)), 2, "entry.membership", "only a member entry carries a membership"),
                bad("member entry without membership", trace(HEADER, event(1, 1, "ProposeMembership",
                        "\"entry\":{\"term\":1,\"kind\":\"member\"},\"index\":2", STATE)), 2, "entry.membership", "missing"),
                bad("BecomeLeader with a normal entry", trace(HEADER, event(1, 1, "BecomeLeader",
                        "\"entry\":{\"term\":1,\"kind\":\"normal\"},\"index\":2", STATE)), 2, "entry.kind",
                        "expected \"blank\" for BecomeLeader, got \"normal\""),
                bad("index zero for an appended entry", trace(HEADER, event(1, 1, "BecomeLeader",
                        "\"entry\":{\"term\":1,\"kind\":\"blank\"},\"index\":0", STATE)), 2, "index", "must be positive"),
                bad("bad reject reason", trace(HEADER, event(1, 1, "ProposeMembershipRejected",
                        "\"reason\":\"busy\",\"membership\":{\"configs\":[[1]],\"learners\":[]}", STATE)), 2, "reason",
                        "unknown reason \"busy\""),
                // client calls
                bad("ok call carrying an error", trace(HEADER, event(1, 1, "CallEnd",
                        "\"call\":1,\"ok\":true,\"membership\":{\"configs\":[[1]],\"learners\":[]},\"error\":\"x\"", null)),
                        2, "error", "only a call that is not ok"),
                bad("unknown change type", trace(HEADER, event(1, 1, "CallStart",
                        "\"call\":1,\"operation\":\"change_membership\","
                                + "\"changes\":[{\"type\":\"Promote\",\"nodes\":[4]}],\"retain\":false",
                        null)), 2, "changes[0].type", "unknown change type \"Promote\""),
                bad("retain as string", trace(HEADER, event(1, 1, "CallStart",
                        "\"call\":1,\"operation\":\"change_membership\",\"changes\":[],\"retain\":\"no\"", null)), 2, "retain",
                        "expected boolean, got string"),
                bad("call id zero", trace(HEADER, event(1, 1, "CallEnd", "\"call\":0,\"ok\":false,\"error\":\"x\"", null)),
                        2, "call", "must be positive, got 0"),
                // schema version 2: the cause of a proposal, Crash
                bad("a proposal with a call but no step", trace(HEADER, event(1, 1, "ProposeMembership",
                        MEMBER_ENTRY + ",\"call\":3", STATE)), 2, "step", "missing (call is present; they come together)"),
                bad("a refusal with a step but no call", trace(HEADER, event(1, 1, "ProposeMembershipRejected",
                        REFUSED + ",\"step\":1", STATE)), 2, "step", "present without call (they come together)"),
                bad("step 3", trace(HEADER, event(1, 1, "ProposeMembership", MEMBER_ENTRY + ",\"call\":3,\"step\":3", STATE)),
                        2, "step", "must be at most 2, got 3"),
                bad("step 0", trace(HEADER, event(1, 1, "ProposeMembershipRejected", REFUSED + ",\"call\":3,\"step\":0", STATE)),
                        2, "step", "must be positive, got 0"),
                bad("call id zero on a proposal", trace(HEADER, event(1, 1, "ProposeMembership",
                        MEMBER_ENTRY + ",\"call\":0,\"step\":1", STATE)), 2, "call", "must be positive, got 0"),
                bad("a crash with a state", trace(HEADER, event(1, 1, "Crash", "", STATE)), 2, "state", "unknown field"),
                bad("a Crash in a version 1 trace", trace(HEADER_V1, TIMEOUT, event(2, 3, "Crash", "", null)), 3, "event",
                        "event \"Crash\" is new in schema version 2, but the header says version 1"),
                bad("a call id on a proposal of a version 1 trace", trace(HEADER_V1, event(1, 1, "ProposeMembership",
                        MEMBER_ENTRY + ",\"call\":3,\"step\":1", STATE)), 2, "call",
                        "field \"call\" of ProposeMembership is new in schema version 2, but the header says version 1"),
                bad("a step on a refusal of a version 1 trace", trace(HEADER_V1, event(1, 1, "ProposeMembershipRejected",
                        REFUSED + ",\"call\":3,\"step\":2", STATE)), 2, "call", "is new in schema version 2"),
                // schema version 3: snapshots
                bad("a TakeSnapshot in a version 2 trace", trace(HEADER, event(1, 1, "TakeSnapshot", "\"index\":3", STATE)),
                        2, "event", "event \"TakeSnapshot\" is new in schema version 3, but the header says version 2"),
                bad("a snapshotIndex in a version 2 state", trace(HEADER, event(1, 1, "Timeout", "", STATE_V3)), 2,
                        "state.snapshotIndex", "is new in schema version 3, but the header says version 2"),
                bad("an InstallSnapshot dropped in a version 2 trace", trace(HEADER, event(1, 2, "DropMessage",
                        "\"msg\":" + IS, null)), 2, "msg.type", "message type \"InstallSnapshot\" is new in schema version 3"),
                bad("a version 3 state without snapshotIndex", trace(HEADER_V3, TIMEOUT), 2, "state.snapshotIndex",
                        "missing"),
                bad("a snapshot index of 0 in a TakeSnapshot", trace(HEADER_V3, event(1, 1, "TakeSnapshot", "\"index\":0",
                        STATE_V3)), 2, "index", "must be positive, got 0"),
                bad("an InstallSnapshot with lastIndex 0", trace(HEADER_V3, event(1, 1, "SendInstallSnapshot",
                        "\"msg\":" + IS.replace("\"lastIndex\":3", "\"lastIndex\":0"), STATE_V3)), 2, "msg.lastIndex",
                        "must be positive, got 0"),
                bad("an InstallSnapshot whose membership entry is above its index", trace(HEADER_V3,
                        event(1, 1, "SendInstallSnapshot", "\"msg\":" + IS.replace("\"memIndex\":1", "\"memIndex\":4"),
                                STATE_V3)), 2, "msg.memIndex", "must be at most lastIndex 3, got 4"),
                bad("an InstallSnapshot with data", trace(HEADER_V3, event(1, 1, "SendInstallSnapshot",
                        "\"msg\":" + IS.replace("}}", "},\"data\":\"AA==\"}"), STATE_V3)), 2, "msg.data", "unknown field"),
                bad("a HandleInstallSnapshot replying with a vote", trace(HEADER_V3, event(1, 2, "HandleInstallSnapshot",
                        "\"msg\":" + IS + ",\"reply\":" + RVR, STATE_V3)), 2, "reply.type",
                        "expected \"AppendEntriesResponse\" for HandleInstallSnapshot"));
    }

    static Arguments bad(String what, String text, long line, String field, String problem) {
        return Arguments.of(what, text, line, field, problem);
    }

    @ParameterizedTest(name = "{0} is refused at line {2}, field {3}")
    @MethodSource("corpus")
    void aMalformedTraceIsRefusedNamingTheLineAndField(String what, String text, long line, String field, String problem) {
        assertThatThrownBy(() -> new TraceReader().parse(text))
                .isInstanceOfSatisfying(TraceFormatException.class, e -> {
                    assertThat(e.line()).as("line").isEqualTo(line);
                    assertThat(e.field()).as("field").isEqualTo(field);
                    String prefix = field == null ? "line " + line + ": " : "line " + line + ": field \"" + field + "\": ";
                    assertThat(e.getMessage()).startsWith(prefix).contains(problem);
                });
    }

    @org.junit.jupiter.api.Test
    void theCorpusHoldsAtLeastThirtyCasesAndTheValidBaseIsAccepted() {
        assertThat(corpus().count()).isGreaterThanOrEqualTo(30);
        assertThat(new TraceReader().parse(trace(HEADER, TIMEOUT,
                event(2, 2, "HandleRequestVote", "\"msg\":" + RV + ",\"reply\":" + RVR, STATE),
                event(3, 1, "SendAppendEntries", "\"msg\":" + ae("{\"term\":1,\"kind\":\"blank\"}"), STATE),
                event(4, 1, "HandleAppendEntriesResponse", "\"msg\":" + AER, STATE))).events())
                .hasSize(4);
    }

    @Test
    void aVersion3TraceReadsSnapshotsAndOlderTracesReadSnapshotIndexZero() {
        Trace v3 = new TraceReader().parse(trace(HEADER_V3, event(1, 1, "TakeSnapshot", "\"index\":3", STATE_V3),
                event(2, 1, "SendInstallSnapshot", "\"msg\":" + IS, STATE_V3),
                event(3, 2, "HandleInstallSnapshot", "\"msg\":" + IS + ",\"reply\":" + AER.replace("\"matchIndex\":2",
                        "\"matchIndex\":3"), STATE_V3)));
        assertThat(v3.header().version()).isEqualTo(3);
        assertThat(v3.events()).hasSize(3);
        assertThat(((TraceEvent.TakeSnapshot) v3.events().get(0)).state().snapshotIndex()).isEqualTo(3);
        assertThat(((TraceEvent.SendInstallSnapshot) v3.events().get(1)).msg())
                .isEqualTo(new TraceMessage.InstallSnapshot(1, 1, 2, 3, 1, 1, TraceMembership.uniform(1, 2, 3)));
        Trace v2 = new TraceReader().parse(trace(HEADER, TIMEOUT));
        assertThat(((TraceEvent.Timeout) v2.events().get(0)).state().snapshotIndex()).isZero();
    }

    @Test
    void aVersion1TraceWithoutVersion2FieldsIsReadAndSaysItsVersion() {
        Trace v1 = new TraceReader().parse(trace(HEADER_V1, TIMEOUT, event(2, 1, "ProposeMembership", MEMBER_ENTRY, STATE)));
        assertThat(v1.header().version()).isEqualTo(1);
        assertThat(v1.events()).hasSize(2);
        Trace v2 = new TraceReader().parse(trace(HEADER, event(1, 1, "ProposeMembership",
                MEMBER_ENTRY + ",\"call\":3,\"step\":2", STATE), event(2, 4, "Crash", "", null)));
        assertThat(v2.header().version()).isEqualTo(2);
        assertThat(((TraceEvent.ProposeMembership) v2.events().get(0)).step()).isEqualTo(2);
        assertThat(v2.events().get(1)).isEqualTo(new TraceEvent.Crash(4));
    }
}
