package org.jointraft.conformance.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.core.RejectReason;
import org.jointraft.trace.TraceChange;
import org.jointraft.trace.TraceEntry;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceMembership;
import org.jointraft.trace.TraceMessage;
import org.jointraft.trace.TraceState;
import org.jointraft.trace.TraceVocabulary;
import org.jointraft.trace.TraceVocabulary.EventType;
import org.jointraft.trace.TraceVocabulary.Field;
import tlc2.value.impl.BoolValue;
import tlc2.value.impl.IntValue;
import tlc2.value.impl.RecordValue;
import tlc2.value.impl.SetEnumValue;
import tlc2.value.impl.StringValue;
import tlc2.value.impl.TupleValue;
import tlc2.value.impl.Value;
import util.UniqueString;

/**
 * Converts trace records to TLC values of exactly the shapes JointRaft.tla builds, so that the trace spec
 * compares them with {@code =}: memberships {@code [configs |-> <<{..}, ..>>, learners |-> {..}]}, entries
 * {@code [term, kind, mem]} (mem = NoMembership unless kind is member), messages with the fields of
 * docs/protocol-contract.md (InstallSnapshot's membership as {@code mem}), post-states shaped like JointRaft's
 * ObservedState (with {@code snapshotIndex}, 0 for a trace older than schema version 3). Events become records with
 * {@code event}, {@code node} and the event's own fields, the same fields for every record of one event. Equal
 * memberships and entries are shared, which keeps long traces small in memory. Not thread-safe: one instance
 * converts one run's traces.
 */
public final class TraceValues {
    private static final Value NO_MEMBERSHIP = record(new String[] {"configs", "learners"},
            new Value[] {new TupleValue(new Value[0]), set(List.of())});

    private final Map<TraceMembership, Value> memberships = new HashMap<>();
    private final Map<TraceEntry, Value> entries = new HashMap<>();

    /** {@code [nodes |-> {..}, bootstrap |-> membership, version |-> n]} (the trace spec checks calls from version 2). */
    public static Value header(TraceHeader header) {
        return record(new String[] {"nodes", "bootstrap", "version"},
                new Value[] {set(header.nodes()), new TraceValues().membership(header.bootstrap()),
                        IntValue.gen(header.version())});
    }

    /** The events of one trace as a tuple of event records. */
    public Value events(List<TraceEvent> events) {
        Value[] values = new Value[events.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = event(events.get(k));
        }
        return new TupleValue(values);
    }

    /**
     * {@code [event, node, <the event's fields>]}, the fields as {@link TraceVocabulary} declares them; an absent
     * optional integer (the {@code call} and {@code step} of a proposal no call made) is 0, so every record of an
     * event has the same fields. The client calls have records of their own shape: see {@link #callStart} and
     * {@link #callEnd}.
     */
    Value event(TraceEvent e) {
        if (e instanceof TraceEvent.CallStart start) {
            return callStart(start);
        } else if (e instanceof TraceEvent.CallEnd end) {
            return callEnd(end);
        }
        EventType type = TraceVocabulary.of(e);
        int n = type.fields().size();
        String[] names = new String[2 + n];
        Value[] values = new Value[2 + n];
        names[0] = "event";
        values[0] = str(type.name());
        names[1] = "node";
        values[1] = IntValue.gen(e.node());
        for (int k = 0; k < n; k++) {
            Field f = type.fields().get(k);
            names[2 + k] = f.name();
            Object v = f.get(e);
            values[2 + k] = v == null ? absent(type, f) : value(v);
        }
        return record(names, values);
    }

    private static Value absent(EventType type, Field f) {
        if (f.type() == Long.class || f.type() == Integer.class) {
            return IntValue.gen(0);
        }
        throw new IllegalArgumentException("no TLC value for the absent field " + type.name() + "." + f.name());
    }

    /**
     * {@code [event, node, call, kind, changes, retain, expected, target]}: kind the operation's trace name, changes
     * {@code <<[type |-> "AddVoters", nodes |-> {..}], ..>>}, expected the expected membership index or 0, target the
     * requested membership or NoMembership.
     */
    Value callStart(TraceEvent.CallStart e) {
        Value[] changes = new Value[e.changes().size()];
        for (int k = 0; k < changes.length; k++) {
            TraceChange c = e.changes().get(k);
            changes[k] = record(new String[] {"type", "nodes"}, new Value[] {str(c.type().traceName()), set(c.nodes())});
        }
        return record(new String[] {"event", "node", "call", "kind", "changes", "retain", "expected", "target"},
                new Value[] {str("CallStart"), IntValue.gen(e.node()), num(e.call()), str(e.operation().traceName()),
                        new TupleValue(changes), bool(e.retain()), num(e.expectedIndex() == null ? 0 : e.expectedIndex()),
                        e.target() == null ? NO_MEMBERSHIP : membership(e.target())});
    }

    /** {@code [event, node, call, ok, membership, error]}: membership NoMembership, error "" when absent. */
    Value callEnd(TraceEvent.CallEnd e) {
        return record(new String[] {"event", "node", "call", "ok", "membership", "error"},
                new Value[] {str("CallEnd"), IntValue.gen(e.node()), num(e.call()), bool(e.ok()),
                        e.membership() == null ? NO_MEMBERSHIP : membership(e.membership()),
                        str(e.error() == null ? "" : e.error())});
    }

    /** One field's value, by its Java type. */
    private Value value(Object v) {
        if (v instanceof TraceState s) {
            return state(s);
        } else if (v instanceof TraceMessage m) {
            return message(m);
        } else if (v instanceof TraceEntry entry) {
            return entry(entry);
        } else if (v instanceof TraceMembership m) {
            return membership(m);
        } else if (v instanceof Long x) {
            return num(x);
        } else if (v instanceof Integer x) {
            return IntValue.gen(x);
        } else if (v instanceof RejectReason r) {
            return str(r.traceName());
        }
        throw new IllegalArgumentException("no TLC value for a trace field of type " + v.getClass().getName());
    }

    Value state(TraceState s) {
        Value membership = membership(s.membership());
        RecordValue m = (RecordValue) membership;
        Value effective = record(new String[] {"configs", "learners", "index"},
                new Value[] {m.select(str("configs")), m.select(str("learners")), num(s.membershipIndex())});
        return record(
                new String[] {"term", "votedFor", "role", "commitIndex", "lastLogIndex", "lastLogTerm", "membership",
                        "snapshotIndex"},
                new Value[] {num(s.term()), IntValue.gen(s.votedFor()), str(s.role().traceName()), num(s.commitIndex()),
                        num(s.lastLogIndex()), num(s.lastLogTerm()), effective, num(s.snapshotIndex())});
    }

    Value message(TraceMessage m) {
        String[] common = {"type", "term", "source", "dest"};
        Value[] head = {str(m.type()), num(m.term()), IntValue.gen(m.source()), IntValue.gen(m.dest())};
        if (m instanceof TraceMessage.RequestVote x) {
            return record(concat(common, "lastLogIndex", "lastLogTerm"),
                    concat(head, num(x.lastLogIndex()), num(x.lastLogTerm())));
        } else if (m instanceof TraceMessage.RequestVoteResponse x) {
            return record(concat(common, "granted"), concat(head, bool(x.granted())));
        } else if (m instanceof TraceMessage.AppendEntries x) {
            Value[] ents = new Value[x.entries().size()];
            for (int k = 0; k < ents.length; k++) {
                ents[k] = entry(x.entries().get(k));
            }
            return record(concat(common, "prevLogIndex", "prevLogTerm", "entries", "commitIndex"),
                    concat(head, num(x.prevLogIndex()), num(x.prevLogTerm()), new TupleValue(ents), num(x.commitIndex())));
        } else if (m instanceof TraceMessage.InstallSnapshot x) {
            // the membership is "mem", as in the spec's snapshot and entries
            return record(concat(common, "lastIndex", "lastTerm", "memIndex", "mem"),
                    concat(head, num(x.lastIndex()), num(x.lastTerm()), num(x.memIndex()), membership(x.membership())));
        }
        TraceMessage.AppendEntriesResponse x = (TraceMessage.AppendEntriesResponse) m;
        return record(concat(common, "success", "matchIndex"), concat(head, bool(x.success()), num(x.matchIndex())));
    }

    Value entry(TraceEntry e) {
        return entries.computeIfAbsent(e, k -> record(new String[] {"term", "kind", "mem"},
                new Value[] {num(k.term()), str(k.kind().traceName()),
                        k.membership() == null ? NO_MEMBERSHIP : membership(k.membership())}));
    }

    Value membership(TraceMembership m) {
        Value known = memberships.get(m);
        if (known == null) {
            Value[] configs = new Value[m.configs().size()];
            for (int k = 0; k < configs.length; k++) {
                configs[k] = set(m.configs().get(k));
            }
            known = record(new String[] {"configs", "learners"}, new Value[] {new TupleValue(configs), set(m.learners())});
            memberships.put(m, known);
        }
        return known;
    }

    static Value set(List<Integer> ids) {
        Value[] elems = new Value[ids.size()];
        for (int k = 0; k < elems.length; k++) {
            elems[k] = IntValue.gen(ids.get(k));
        }
        return new SetEnumValue(elems, false).normalize();
    }

    static Value record(String[] names, Value[] values) {
        UniqueString[] keys = new UniqueString[names.length];
        for (int k = 0; k < names.length; k++) {
            keys[k] = UniqueString.uniqueStringOf(names[k]);
        }
        return new RecordValue(keys, values, false).normalize();
    }

    private static Value num(long v) {
        return IntValue.gen(Math.toIntExact(v));
    }

    private static Value str(String s) {
        return new StringValue(s);
    }

    private static Value bool(boolean b) {
        return b ? BoolValue.ValTrue : BoolValue.ValFalse;
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static Value[] concat(Value[] a, Value... b) {
        Value[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
