package org.jointraft.trace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jointraft.core.EntryKind;
import org.jointraft.core.Role;
import org.jointraft.trace.TraceMessage.AppendEntries;
import org.jointraft.trace.TraceMessage.AppendEntriesResponse;
import org.jointraft.trace.TraceMessage.InstallSnapshot;
import org.jointraft.trace.TraceMessage.RequestVote;
import org.jointraft.trace.TraceMessage.RequestVoteResponse;
import org.jointraft.trace.TraceVocabulary.EventType;
import org.jointraft.trace.TraceVocabulary.Field;

/**
 * Turns one parsed line into a header or an event, checking it against docs/trace-format.md. An event
 * line is read field by field as {@link TraceVocabulary} declares its type, with the declared rules
 * (addressing, entry kind, positivity, presence); the values inside (state, message, entry, membership)
 * have one reader each. Every check names the line and the field path; paths are only built when a check fails, to keep reading fast.
 * One decoder serves one trace (it knows that trace's node ids).
 */
final class LineDecoder {

    private static final Set<String> HEADER_FIELDS =
            Set.of("schema", "version", "nodes", "bootstrap", "seed", "scenario", "options");
    private static final Set<String> MEMBERSHIP_FIELDS = Set.of("configs", "learners");
    private static final Set<String> INDEXED_MEMBERSHIP_FIELDS = Set.of("configs", "learners", "index");
    private static final Set<String> STATE_FIELDS =
            Set.of("term", "votedFor", "role", "commitIndex", "lastLogIndex", "lastLogTerm", "membership");
    /** From schema version 3 a state also holds its snapshot index. */
    private static final Set<String> STATE_FIELDS_V3 =
            Set.of("term", "votedFor", "role", "commitIndex", "lastLogIndex", "lastLogTerm", "membership", "snapshotIndex");
    private static final Set<String> CHANGE_FIELDS = Set.of("type", "nodes");
    private static final Map<String, Set<String>> MESSAGE_FIELDS = Map.of(
            RequestVote.TYPE, Set.of("type", "term", "source", "dest", "lastLogIndex", "lastLogTerm"),
            RequestVoteResponse.TYPE, Set.of("type", "term", "source", "dest", "granted"),
            AppendEntries.TYPE,
                    Set.of("type", "term", "source", "dest", "prevLogIndex", "prevLogTerm", "entries", "commitIndex"),
            AppendEntriesResponse.TYPE, Set.of("type", "term", "source", "dest", "success", "matchIndex"),
            InstallSnapshot.TYPE,
                    Set.of("type", "term", "source", "dest", "lastIndex", "lastTerm", "memIndex", "membership"));
    /** Per event name, the JSON names its line may hold. */
    private static final Map<String, Set<String>> EVENT_FIELDS = eventFields();

    private static Map<String, Set<String>> eventFields() {
        Map<String, Set<String>> fields = new HashMap<>();
        for (EventType t : TraceVocabulary.events()) {
            fields.put(t.name(), Set.copyOf(t.jsonNames()));
        }
        return Map.copyOf(fields);
    }

    private long line;
    private int version;
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
        long v = integer(root, "", "version", 0);
        if (v < TraceHeader.OLDEST || v > TraceHeader.VERSION) {
            throw error("version", "unsupported version " + v + " (this reader supports " + TraceHeader.OLDEST + " to "
                    + TraceHeader.VERSION + ")");
        }
        version = (int) v;
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
        return new TraceHeader(ids, bootstrap, seed.longValue(), scenario, options, version);
    }

    TraceEvent event(JsonNode root, long lineNumber, long expectedSeq) {
        line = lineNumber;
        requireObject(root);
        String event = text(root, "", "event");
        EventType type = TraceVocabulary.named(event);
        if (type == null) {
            throw error("event", "unknown event \"" + event + "\"");
        }
        if (type.since() > version) {
            throw error("event", newerThanHeader("event \"" + event + "\"", type.since()));
        }
        onlyFields(root, "", EVENT_FIELDS.get(event));
        long seq = integer(root, "", "seq", 1);
        if (seq != expectedSeq) {
            throw error("seq", "expected " + expectedSeq + " (one more than the previous line), got " + seq);
        }
        int node = nodeId(root, "", "node");
        List<Field> fields = type.fields();
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = field(root, type, fields.get(i), node, values);
        }
        return type.create(node, values);
    }

    /** The value of field {@code f} of a {@code type} line; {@code earlier} holds the fields before it. */
    private Object field(JsonNode root, EventType type, Field f, int node, Object[] earlier) {
        String name = f.name();
        boolean present = root.has(name);
        if (f.presentWhen() >= 0) {
            boolean wanted = (Boolean) earlier[f.presentWhen()] == f.presentWhenIs();
            if (present && !wanted) {
                throw error(name, f.presentOtherwise());
            }
            if (!wanted) {
                return null;
            }
        } else if (f.with() >= 0) {
            String partner = type.fields().get(f.with()).name();
            if (present != (earlier[f.with()] != null)) {
                throw error(name, present ? "present without " + partner + " (they come together)"
                        : "missing (" + partner + " is present; they come together)");
            }
            if (!present) {
                return null;
            }
        } else if (f.optional() && !present) {
            return null;
        }
        if (present && f.since() > version) {
            throw error(name, newerThanHeader("field \"" + name + "\" of " + type.name(), f.since()));
        }
        Class<?> t = f.type();
        if (t == TraceState.class) {
            return state(root);
        } else if (f.role() != null) {
            return addressed(root, type, f, node, earlier);
        } else if (t == TraceEntry.class) {
            return appended(root, name, f.appended(), type.name());
        } else if (t == TraceMembership.class) {
            boolean asRequested = f.asRequested() && (f.asRequestedWhen() < 0
                    || TraceNames.of((Enum<?>) earlier[f.asRequestedWhen()]).equals(f.asRequestedIs()));
            return membership(object(root, "", name), name, MEMBERSHIP_FIELDS, !asRequested);
        } else if (t == long.class || t == Long.class || t == Integer.class) {
            long value = integer(root, "", name, f.positive() ? 1 : 0);
            if (value > f.max()) {
                throw error(name, "must be at most " + f.max() + ", got " + value);
            }
            return t == Integer.class ? Integer.valueOf((int) value) : (Object) value;
        } else if (t == boolean.class) {
            return bool(root, "", name);
        } else if (t == String.class) {
            return text(root, "", name);
        } else if (t.isEnum()) {
            return constant(root, "", name, t);
        } else if (t == List.class) {
            return changes(root, name);
        }
        throw new IllegalStateException("the reader has no rule for " + type.name() + "." + name);
    }

    // ---- events' parts

    private TraceState state(JsonNode root) {
        JsonNode s = object(root, "", "state");
        if (version < 3 && s.has("snapshotIndex")) {
            throw error("state.snapshotIndex", newerThanHeader("field \"snapshotIndex\" of a state", 3));
        }
        onlyFields(s, "state", version >= 3 ? STATE_FIELDS_V3 : STATE_FIELDS);
        long term = integer(s, "state", "term", 0);
        int votedFor = (int) integer(s, "state", "votedFor", 0);
        if (votedFor != 0 && !nodes.contains(votedFor)) {
            throw error("state.votedFor", unknownNode(votedFor) + "; 0 means none");
        }
        Role role = (Role) constant(s, "state", "role", Role.class);
        long commitIndex = integer(s, "state", "commitIndex", 0);
        long lastLogIndex = integer(s, "state", "lastLogIndex", 0);
        long lastLogTerm = integer(s, "state", "lastLogTerm", 0);
        JsonNode m = object(s, "state", "membership");
        TraceMembership membership = membership(m, "state.membership", INDEXED_MEMBERSHIP_FIELDS, true);
        long index = integer(m, "state.membership", "index", 0);
        long snapshotIndex = version >= 3 ? integer(s, "state", "snapshotIndex", 0) : 0;
        return new TraceState(term, votedFor, role, commitIndex, lastLogIndex, lastLogTerm, membership, index,
                snapshotIndex);
    }

    /** A message field, checked against its role: which end of it {@code node} must be. */
    private TraceMessage addressed(JsonNode root, EventType type, Field f, int node, Object[] earlier) {
        String name = f.name();
        Class<?> t = f.type();
        TraceMessage msg = message(root, name, t == TraceMessage.class ? null : t.getSimpleName(), type.name());
        MessageRole role = f.role();
        if (role.networkFault()) {
            if (msg.dest() != node) {
                throw error(name + ".dest", "must equal node " + node
                        + " (network events are logged at the destination), got " + msg.dest());
            }
        } else if (role.takes()) {
            if (msg.dest() != node) {
                throw error(name + ".dest", "must be the receiving node " + node + ", got " + msg.dest());
            }
        } else {
            if (msg.source() != node) {
                throw error(name + ".source", "must be the sending node " + node + ", got " + msg.source());
            }
            TraceMessage request = role == MessageRole.REPLY ? (TraceMessage) earlier[f.requestFor()] : null;
            if (request != null && msg.dest() != request.source()) {
                throw error(name + ".dest", "must be the request's source " + request.source() + ", got " + msg.dest());
            }
        }
        return msg;
    }

    private TraceEntry appended(JsonNode root, String name, EntryKind expected, String event) {
        TraceEntry entry = entry(object(root, "", name), name);
        if (expected != null && entry.kind() != expected) {
            throw error(name + ".kind", "expected \"" + expected.traceName() + "\" for " + event + ", got \""
                    + entry.kind().traceName() + "\"");
        }
        return entry;
    }

    /** CallStart's {@code changes}. */
    private List<TraceChange> changes(JsonNode root, String name) {
        JsonNode changesNode = array(root, "", name);
        List<TraceChange> changes = new ArrayList<>(changesNode.size());
        for (int i = 0; i < changesNode.size(); i++) {
            String path = name + "[" + i + "]";
            JsonNode c = changesNode.get(i);
            if (!c.isObject()) {
                throw error(path, "expected object, got " + kind(c));
            }
            onlyFields(c, path, CHANGE_FIELDS);
            TraceChange.Type type = (TraceChange.Type) constant(c, path, "type", TraceChange.Type.class);
            // A client may name nodes the cluster does not know; the impl rejects that, the trace records it.
            changes.add(new TraceChange(type, idList(array(c, path, "nodes"), path + ".nodes", false)));
        }
        return changes;
    }

    // ---- messages, entries, memberships

    /** The message at {@code name}; {@code expectedType} null accepts any type. */
    private TraceMessage message(JsonNode root, String name, String expectedType, String event) {
        JsonNode m = object(root, "", name);
        String type = text(m, name, "type");
        Set<String> allowed = MESSAGE_FIELDS.get(type);
        if (allowed == null) {
            throw error(name + ".type", "unknown message type \"" + type
                    + "\" (expected RequestVote, RequestVoteResponse, AppendEntries, AppendEntriesResponse or"
                    + " InstallSnapshot)");
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
        if (type.equals(InstallSnapshot.TYPE) && version < 3) {
            throw error(name + ".type", newerThanHeader("message type \"InstallSnapshot\"", 3));
        }
        switch (type) {
            case InstallSnapshot.TYPE: {
                long lastIndex = integer(m, name, "lastIndex", 1);
                long memIndex = integer(m, name, "memIndex", 0);
                if (memIndex > lastIndex) {
                    throw error(name + ".memIndex", "must be at most lastIndex " + lastIndex + ", got " + memIndex);
                }
                return new InstallSnapshot(term, source, dest, lastIndex, integer(m, name, "lastTerm", 0), memIndex,
                        membership(object(m, name, "membership"), name + ".membership", MEMBERSHIP_FIELDS, true));
            }
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
        EntryKind kind = (EntryKind) constant(e, path, "kind", EntryKind.class);
        Iterator<String> names = e.fieldNames();
        while (names.hasNext()) {
            String n = names.next();
            if (n.equals("membership") && kind != EntryKind.MEMBER) {
                throw error(path + ".membership", "only a member entry carries a membership");
            }
            if (!n.equals("term") && !n.equals("kind") && !n.equals("membership")) {
                throw error(path + "." + n, "unknown field");
            }
        }
        long term = integer(e, path, "term", 0);
        TraceMembership membership = kind == EntryKind.MEMBER
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

    /** An enum field, by its constants' trace names. */
    private Object constant(JsonNode obj, String prefix, String name, Class<?> type) {
        String text = text(obj, prefix, name);
        Object value = TraceNames.parse(type, text);
        if (value == null) {
            throw error(path(prefix, name), TraceNames.unknown(type, text));
        }
        return value;
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

    private String newerThanHeader(String what, int since) {
        return what + " is new in schema version " + since + ", but the header says version " + version
                + " (regenerate the trace, or fix its header)";
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
