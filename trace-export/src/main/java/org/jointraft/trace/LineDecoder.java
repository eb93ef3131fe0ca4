package org.jointraft.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jointraft.trace.TraceMessage.AppendEntries;
import org.jointraft.trace.TraceMessage.AppendEntriesResponse;
import org.jointraft.trace.TraceMessage.RequestVote;
import org.jointraft.trace.TraceMessage.RequestVoteResponse;

/**
 * Turns one parsed line into a header or an event, checking it against docs/trace-format.md. Every
 * check names the line and the field path; paths are only built when a check fails, to keep reading fast.
 * One decoder serves one trace (it knows that trace's node ids).
 */
final class LineDecoder {

    private static final Set<String> HEADER_FIELDS =
            Set.of("schema", "version", "nodes", "bootstrap", "seed", "scenario", "options");
    private static final Set<String> MEMBERSHIP_FIELDS = Set.of("configs", "learners");
    private static final Set<String> INDEXED_MEMBERSHIP_FIELDS = Set.of("configs", "learners", "index");
    private static final Set<String> STATE_FIELDS =
            Set.of("term", "votedFor", "role", "commitIndex", "lastLogIndex", "lastLogTerm", "membership");
    private static final Set<String> CHANGE_FIELDS = Set.of("type", "nodes");
    private static final Map<String, Set<String>> MESSAGE_FIELDS = Map.of(
            RequestVote.TYPE, Set.of("type", "term", "source", "dest", "lastLogIndex", "lastLogTerm"),
            RequestVoteResponse.TYPE, Set.of("type", "term", "source", "dest", "granted"),
            AppendEntries.TYPE,
                    Set.of("type", "term", "source", "dest", "prevLogIndex", "prevLogTerm", "entries", "commitIndex"),
            AppendEntriesResponse.TYPE, Set.of("type", "term", "source", "dest", "success", "matchIndex"));
    private static final Map<String, Set<String>> EVENT_FIELDS = Map.ofEntries(
            Map.entry("Timeout", fields("state")),
            Map.entry("SendRequestVote", fields("msg", "state")),
            Map.entry("HandleRequestVote", fields("msg", "reply", "state")),
            Map.entry("HandleRequestVoteResponse", fields("msg", "state")),
            Map.entry("BecomeLeader", fields("entry", "index", "state")),
            Map.entry("ClientRequest", fields("entry", "index", "state")),
            Map.entry("ProposeMembership", fields("entry", "index", "state")),
            Map.entry("ProposeMembershipRejected", fields("reason", "membership", "state")),
            Map.entry("SendAppendEntries", fields("msg", "state")),
            Map.entry("HandleAppendEntries", fields("msg", "reply", "state")),
            Map.entry("HandleAppendEntriesResponse", fields("msg", "state")),
            Map.entry("AdvanceCommitIndex", fields("commitIndex", "state")),
            Map.entry("StepDown", fields("state")),
            Map.entry("Restart", fields("state")),
            Map.entry("DropMessage", fields("msg")),
            Map.entry("DuplicateMessage", fields("msg")),
            Map.entry("CallStart", fields("call", "operation", "changes", "retain", "expectedIndex", "target")),
            Map.entry("CallEnd", fields("call", "ok", "membership", "error")));

    private static Set<String> fields(String... own) {
        Set<String> all = new HashSet<>(List.of("seq", "node", "event"));
        all.addAll(List.of(own));
        return Set.copyOf(all);
    }

    private long line;
    private Set<Integer> nodes = Set.of();
    private List<Integer> nodeList = List.of();

    TraceHeader header(JsonNode root, long lineNumber) {
        line = lineNumber;
        requireObject(root);
        JsonNode schema = root.get("schema");
        if (schema == null) {
            throw error("schema", "missing (the first line must be the header)");
        }
        if (!schema.isTextual() || !TraceHeader.SCHEMA.equals(schema.textValue())) {
            throw error("schema", "expected \"" + TraceHeader.SCHEMA + "\", got " + schema);
        }
        long version = integer(root, "", "version", 0);
        if (version != TraceHeader.VERSION) {
            throw error("version", "unsupported version " + version + " (this reader supports " + TraceHeader.VERSION + ")");
        }
        onlyFields(root, "", HEADER_FIELDS);
        List<Integer> ids = idList(array(root, "", "nodes"), "nodes", false);
        if (ids.isEmpty()) {
            throw error("nodes", "must not be empty");
        }
        nodeList = ids;
        nodes = Set.copyOf(ids);
        TraceMembership bootstrap = membership(object(root, "", "bootstrap"), "bootstrap", MEMBERSHIP_FIELDS, true);
        JsonNode seed = required(root, "", "seed");
        if (!seed.isIntegralNumber()) {
            throw error("seed", "expected integer, got " + kind(seed));
        }
        if (!seed.canConvertToLong()) {
            throw error("seed", "integer " + seed + " is outside the 64-bit signed range");
        }
        String scenario = text(root, "", "scenario");
        String options = root.has("options") ? text(root, "", "options") : null;
        return new TraceHeader(ids, bootstrap, seed.longValue(), scenario, options);
    }

    TraceEvent event(JsonNode root, long lineNumber, long expectedSeq) {
        line = lineNumber;
        requireObject(root);
        String event = text(root, "", "event");
        Set<String> allowed = EVENT_FIELDS.get(event);
        if (allowed == null) {
            throw error("event", "unknown event \"" + event + "\"");
        }
        onlyFields(root, "", allowed);
        long seq = integer(root, "", "seq", 1);
        if (seq != expectedSeq) {
            throw error("seq", "expected " + expectedSeq + " (one more than the previous line), got " + seq);
        }
        int node = nodeId(root, "", "node");
        switch (event) {
            case "Timeout":
                return new TraceEvent.Timeout(seq, node, state(root));
            case "SendRequestVote":
                return new TraceEvent.SendRequestVote(
                        seq, node, (RequestVote) sent(root, "msg", RequestVote.TYPE, event, node), state(root));
            case "HandleRequestVote": {
                RequestVote msg = (RequestVote) received(root, RequestVote.TYPE, event, node);
                RequestVoteResponse reply = (RequestVoteResponse) reply(root, RequestVoteResponse.TYPE, event, msg);
                return new TraceEvent.HandleRequestVote(seq, node, msg, reply, state(root));
            }
            case "HandleRequestVoteResponse":
                return new TraceEvent.HandleRequestVoteResponse(
                        seq, node, (RequestVoteResponse) received(root, RequestVoteResponse.TYPE, event, node), state(root));
            case "BecomeLeader":
                return new TraceEvent.BecomeLeader(
                        seq, node, appended(root, TraceEntryKind.BLANK, event), integer(root, "", "index", 1), state(root));
            case "ClientRequest":
                return new TraceEvent.ClientRequest(
                        seq, node, appended(root, TraceEntryKind.NORMAL, event), integer(root, "", "index", 1), state(root));
            case "ProposeMembership":
                return new TraceEvent.ProposeMembership(
                        seq, node, appended(root, TraceEntryKind.MEMBER, event), integer(root, "", "index", 1), state(root));
            case "ProposeMembershipRejected": {
                String text = text(root, "", "reason");
                TraceRejectReason reason = TraceRejectReason.fromJson(text);
                if (reason == null) {
                    throw error("reason", "unknown reason \"" + text + "\" (expected not_leader, in_progress, incoherent or invalid)");
                }
                // The impl may log an ill-formed target only when it refused it as invalid.
                TraceMembership target = membership(
                        object(root, "", "membership"), "membership", MEMBERSHIP_FIELDS, reason != TraceRejectReason.INVALID);
                return new TraceEvent.ProposeMembershipRejected(seq, node, reason, target, state(root));
            }
            case "SendAppendEntries":
                return new TraceEvent.SendAppendEntries(
                        seq, node, (AppendEntries) sent(root, "msg", AppendEntries.TYPE, event, node), state(root));
            case "HandleAppendEntries": {
                AppendEntries msg = (AppendEntries) received(root, AppendEntries.TYPE, event, node);
                AppendEntriesResponse reply = (AppendEntriesResponse) reply(root, AppendEntriesResponse.TYPE, event, msg);
                return new TraceEvent.HandleAppendEntries(seq, node, msg, reply, state(root));
            }
            case "HandleAppendEntriesResponse":
                return new TraceEvent.HandleAppendEntriesResponse(
                        seq, node, (AppendEntriesResponse) received(root, AppendEntriesResponse.TYPE, event, node), state(root));
            case "AdvanceCommitIndex":
                return new TraceEvent.AdvanceCommitIndex(seq, node, integer(root, "", "commitIndex", 1), state(root));
            case "StepDown":
                return new TraceEvent.StepDown(seq, node, state(root));
            case "Restart":
                return new TraceEvent.Restart(seq, node, state(root));
            case "DropMessage":
                return new TraceEvent.DropMessage(seq, node, atDestination(root, node));
            case "DuplicateMessage":
                return new TraceEvent.DuplicateMessage(seq, node, atDestination(root, node));
            case "CallStart":
                return callStart(root, seq, node);
            case "CallEnd":
                return callEnd(root, seq, node);
            default:
                throw new IllegalStateException("event table and switch disagree on " + event);
        }
    }

    // ---- events' parts

    private TraceState state(JsonNode root) {
        JsonNode s = object(root, "", "state");
        onlyFields(s, "state", STATE_FIELDS);
        long term = integer(s, "state", "term", 0);
        int votedFor = (int) integer(s, "state", "votedFor", 0);
        if (votedFor != 0 && !nodes.contains(votedFor)) {
            throw error("state.votedFor", unknownNode(votedFor) + "; 0 means none");
        }
        String roleText = text(s, "state", "role");
        TraceRole role = TraceRole.fromJson(roleText);
        if (role == null) {
            throw error("state.role", "unknown role \"" + roleText + "\" (expected Follower, Candidate or Leader)");
        }
        long commitIndex = integer(s, "state", "commitIndex", 0);
        long lastLogIndex = integer(s, "state", "lastLogIndex", 0);
        long lastLogTerm = integer(s, "state", "lastLogTerm", 0);
        JsonNode m = object(s, "state", "membership");
        TraceMembership membership = membership(m, "state.membership", INDEXED_MEMBERSHIP_FIELDS, true);
        long index = integer(m, "state.membership", "index", 0);
        return new TraceState(term, votedFor, role, commitIndex, lastLogIndex, lastLogTerm, membership, index);
    }

    private TraceMessage sent(JsonNode root, String name, String type, String event, int node) {
        TraceMessage msg = message(root, name, type, event);
        if (msg.source() != node) {
            throw error(name + ".source", "must be the sending node " + node + ", got " + msg.source());
        }
        return msg;
    }

    private TraceMessage received(JsonNode root, String type, String event, int node) {
        TraceMessage msg = message(root, "msg", type, event);
        if (msg.dest() != node) {
            throw error("msg.dest", "must be the receiving node " + node + ", got " + msg.dest());
        }
        return msg;
    }

    private TraceMessage reply(JsonNode root, String type, String event, TraceMessage request) {
        TraceMessage reply = sent(root, "reply", type, event, request.dest());
        if (reply.dest() != request.source()) {
            throw error("reply.dest", "must be the request's source " + request.source() + ", got " + reply.dest());
        }
        return reply;
    }

    private TraceMessage atDestination(JsonNode root, int node) {
        TraceMessage msg = message(root, "msg", null, null);
        if (msg.dest() != node) {
            throw error("msg.dest", "must equal node " + node + " (network events are logged at the destination), got "
                    + msg.dest());
        }
        return msg;
    }

    private TraceEntry appended(JsonNode root, TraceEntryKind expected, String event) {
        TraceEntry entry = entry(object(root, "", "entry"), "entry");
        if (entry.kind() != expected) {
            throw error("entry.kind", "expected \"" + expected.json() + "\" for " + event + ", got \"" + entry.kind().json() + "\"");
        }
        return entry;
    }

    private TraceEvent callStart(JsonNode root, long seq, int node) {
        long call = integer(root, "", "call", 0);
        String operation = text(root, "", "operation");
        JsonNode changesNode = array(root, "", "changes");
        List<TraceChange> changes = new ArrayList<>(changesNode.size());
        for (int i = 0; i < changesNode.size(); i++) {
            String path = "changes[" + i + "]";
            JsonNode c = changesNode.get(i);
            if (!c.isObject()) {
                throw error(path, "expected object, got " + kind(c));
            }
            onlyFields(c, path, CHANGE_FIELDS);
            String typeText = text(c, path, "type");
            TraceChange.Type type = TraceChange.Type.fromJson(typeText);
            if (type == null) {
                throw error(path + ".type", "unknown change type \"" + typeText
                        + "\" (expected AddVoters, RemoveVoters, ReplaceAllVoters, AddLearners or RemoveLearners)");
            }
            // A client may name nodes the cluster does not know; the impl rejects that, the trace records it.
            changes.add(new TraceChange(type, idList(array(c, path, "nodes"), path + ".nodes", false)));
        }
        boolean retain = bool(root, "", "retain");
        Long expectedIndex = root.has("expectedIndex") ? integer(root, "", "expectedIndex", 0) : null;
        TraceMembership target = root.has("target")
                ? membership(object(root, "", "target"), "target", MEMBERSHIP_FIELDS, false)
                : null;
        return new TraceEvent.CallStart(seq, node, call, operation, changes, retain, expectedIndex, target);
    }

    private TraceEvent callEnd(JsonNode root, long seq, int node) {
        long call = integer(root, "", "call", 0);
        boolean ok = bool(root, "", "ok");
        if (ok) {
            if (root.has("error")) {
                throw error("error", "only a call that is not ok carries an error");
            }
            TraceMembership m = membership(object(root, "", "membership"), "membership", MEMBERSHIP_FIELDS, true);
            return new TraceEvent.CallEnd(seq, node, call, true, m, null);
        }
        if (root.has("membership")) {
            throw error("membership", "only an ok call carries the membership it ended on");
        }
        return new TraceEvent.CallEnd(seq, node, call, false, null, text(root, "", "error"));
    }

    // ---- messages, entries, memberships

    /** The message at {@code name}; {@code expectedType} null accepts any type. */
    private TraceMessage message(JsonNode root, String name, String expectedType, String event) {
        JsonNode m = object(root, "", name);
        String type = text(m, name, "type");
        Set<String> allowed = MESSAGE_FIELDS.get(type);
        if (allowed == null) {
            throw error(name + ".type", "unknown message type \"" + type
                    + "\" (expected RequestVote, RequestVoteResponse, AppendEntries or AppendEntriesResponse)");
        }
        if (expectedType != null && !expectedType.equals(type)) {
            throw error(name + ".type", "expected \"" + expectedType + "\" for " + event + ", got \"" + type + "\"");
        }
        onlyFields(m, name, allowed);
        long term = integer(m, name, "term", 0);
        int source = nodeId(m, name, "source");
        int dest = nodeId(m, name, "dest");
        if (source == dest) {
            throw error(name + ".dest", "a node does not send to itself (source and dest are both " + source + ")");
        }
        switch (type) {
            case RequestVote.TYPE:
                return new RequestVote(term, source, dest,
                        integer(m, name, "lastLogIndex", 0), integer(m, name, "lastLogTerm", 0));
            case RequestVoteResponse.TYPE:
                return new RequestVoteResponse(term, source, dest, bool(m, name, "granted"));
            case AppendEntries.TYPE: {
                long prevLogIndex = integer(m, name, "prevLogIndex", 0);
                long prevLogTerm = integer(m, name, "prevLogTerm", 0);
                JsonNode entriesNode = array(m, name, "entries");
                List<TraceEntry> entries = new ArrayList<>(entriesNode.size());
                for (int i = 0; i < entriesNode.size(); i++) {
                    entries.add(entry(entriesNode.get(i), name + ".entries[" + i + "]"));
                }
                return new AppendEntries(term, source, dest, prevLogIndex, prevLogTerm, entries,
                        integer(m, name, "commitIndex", 0));
            }
            default:
                return new AppendEntriesResponse(term, source, dest, bool(m, name, "success"), integer(m, name, "matchIndex", 0));
        }
    }

    private TraceEntry entry(JsonNode e, String path) {
        if (!e.isObject()) {
            throw error(path, "expected object, got " + kind(e));
        }
        String kindText = text(e, path, "kind");
        TraceEntryKind kind = TraceEntryKind.fromJson(kindText);
        if (kind == null) {
            throw error(path + ".kind", "unknown entry kind \"" + kindText + "\" (expected blank, normal or member)");
        }
        Iterator<String> names = e.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equals("membership") && kind != TraceEntryKind.MEMBER) {
                throw error(path + ".membership", "only a member entry carries a membership");
            }
            if (!n.equals("term") && !n.equals("kind") && !n.equals("membership")) {
                throw error(path + "." + n, "unknown field");
            }
        }
        long term = integer(e, path, "term", 0);
        TraceMembership membership = kind == TraceEntryKind.MEMBER
                ? membership(object(e, path, "membership"), path + ".membership", MEMBERSHIP_FIELDS, true)
                : null;
        return new TraceEntry(term, kind, membership);
    }

    /**
     * A membership object. {@code wellFormed} demands 1 or 2 non-empty configs over known nodes and
     * learners disjoint from the voters; without it only the shape (sorted arrays of positive ids) is checked.
     */
    private TraceMembership membership(JsonNode m, String path, Set<String> allowed, boolean wellFormed) {
        onlyFields(m, path, allowed);
        JsonNode configsNode = array(m, path, "configs");
        if (wellFormed && (configsNode.size() < 1 || configsNode.size() > 2)) {
            throw error(path + ".configs", "expected 1 or 2 configs, got " + configsNode.size());
        }
        List<List<Integer>> configs = new ArrayList<>(configsNode.size());
        for (int i = 0; i < configsNode.size(); i++) {
            JsonNode c = configsNode.get(i);
            String configPath = path + ".configs[" + i + "]";
            if (!c.isArray()) {
                throw error(configPath, "expected array, got " + kind(c));
            }
            List<Integer> config = idList(c, configPath, wellFormed);
            if (wellFormed && config.isEmpty()) {
                throw error(configPath, "a config must not be empty");
            }
            configs.add(config);
        }
        List<Integer> learners = idList(array(m, path, "learners"), path + ".learners", wellFormed);
        if (wellFormed) {
            for (Integer learner : learners) {
                for (List<Integer> config : configs) {
                    if (Collections.binarySearch(config, learner) >= 0) {
                        throw error(path + ".learners", "node " + learner + " is both a learner and a voter");
                    }
                }
            }
        }
        return new TraceMembership(configs, learners);
    }

    /** A set of node ids: a sorted array of distinct positive ints, all in the header when {@code known}. */
    private List<Integer> idList(JsonNode array, String path, boolean known) {
        List<Integer> ids = new ArrayList<>(array.size());
        int previous = 0;
        for (int i = 0; i < array.size(); i++) {
            JsonNode n = array.get(i);
            int id = n.isInt() && n.intValue() >= 1 ? n.intValue() : (int) checkInteger(n, path + "[" + i + "]", 1);
            if (known && !nodes.contains(id)) {
                throw error(path + "[" + i + "]", unknownNode(id));
            }
            if (id <= previous) {
                throw error(path, "must be sorted ascending without duplicates, got " + array);
            }
            previous = id;
            ids.add(id);
        }
        return ids;
    }

    // ---- primitive fields

    private void requireObject(JsonNode root) {
        if (!root.isObject()) {
            throw new TraceFormatException(line, null, "expected a JSON object, got " + kind(root));
        }
    }

    private void onlyFields(JsonNode obj, String prefix, Set<String> allowed) {
        if (obj.size() <= allowed.size()) {
            boolean allKnown = true;
            for (Iterator<String> it = obj.fieldNames(); it.hasNext() && allKnown; ) {
                allKnown = allowed.contains(it.next());
            }
            if (allKnown) {
                return;
            }
        }
        for (Iterator<String> it = obj.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!allowed.contains(name)) {
                throw error(path(prefix, name), "unknown field");
            }
        }
    }

    private JsonNode required(JsonNode obj, String prefix, String name) {
        JsonNode v = obj.get(name);
        if (v == null) {
            throw error(path(prefix, name), "missing");
        }
        return v;
    }

    private JsonNode object(JsonNode obj, String prefix, String name) {
        JsonNode v = required(obj, prefix, name);
        if (!v.isObject()) {
            throw error(path(prefix, name), "expected object, got " + kind(v));
        }
        return v;
    }

    private JsonNode array(JsonNode obj, String prefix, String name) {
        JsonNode v = required(obj, prefix, name);
        if (!v.isArray()) {
            throw error(path(prefix, name), "expected array, got " + kind(v));
        }
        return v;
    }

    private String text(JsonNode obj, String prefix, String name) {
        JsonNode v = required(obj, prefix, name);
        if (!v.isTextual()) {
            throw error(path(prefix, name), "expected string, got " + kind(v));
        }
        return v.textValue();
    }

    private boolean bool(JsonNode obj, String prefix, String name) {
        JsonNode v = required(obj, prefix, name);
        if (!v.isBoolean()) {
            throw error(path(prefix, name), "expected boolean, got " + kind(v));
        }
        return v.booleanValue();
    }

    private long integer(JsonNode obj, String prefix, String name, long min) {
        JsonNode v = obj.get(name);
        if (v == null) {
            throw error(path(prefix, name), "missing");
        }
        if (v.isInt() && v.intValue() >= min) {
            return v.intValue();
        }
        return checkInteger(v, path(prefix, name), min);
    }

    private int nodeId(JsonNode obj, String prefix, String name) {
        int id = (int) integer(obj, prefix, name, 1);
        if (!nodes.contains(id)) {
            throw error(path(prefix, name), unknownNode(id));
        }
        return id;
    }

    /** A 32-bit integer of at least {@code min} (0: non-negative, 1: positive). */
    private long checkInteger(JsonNode v, String path, long min) {
        if (!v.isIntegralNumber()) {
            throw error(path, "expected integer, got " + kind(v));
        }
        if (!v.canConvertToInt()) {
            throw error(path, "integer " + v + " is outside the 32-bit signed range");
        }
        int value = v.intValue();
        if (value < min) {
            throw error(path, (min == 0 ? "must be non-negative" : "must be positive") + ", got " + value);
        }
        return value;
    }

    private String unknownNode(int id) {
        return "unknown node " + id + " (the header lists " + nodeList + ")";
    }

    private static String kind(JsonNode v) {
        switch (v.getNodeType()) {
            case STRING:
                return "string";
            case NUMBER:
                return v.isIntegralNumber() ? "integer" : "number";
            case BOOLEAN:
                return "boolean";
            case NULL:
                return "null";
            case ARRAY:
                return "array";
            case OBJECT:
                return "object";
            default:
                return v.getNodeType().name().toLowerCase();
        }
    }

    private static String path(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    private TraceFormatException error(String path, String problem) {
        return new TraceFormatException(line, path, problem);
    }
}
