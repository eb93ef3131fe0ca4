package org.jointraft.conformance.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.trace.TraceEntry;
import org.jointraft.trace.TraceEvent;
import org.jointraft.trace.TraceHeader;
import org.jointraft.trace.TraceMembership;
import org.jointraft.trace.TraceMessage;
import org.jointraft.trace.TraceState;
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
 * docs/protocol-contract.md, post-states shaped like JointRaft's ObservedState. Events become records with
 * {@code event}, {@code node} and the event's own fields. Equal memberships and entries are shared, which
 * keeps long traces small in memory. Not thread-safe: one instance converts one run's traces.
 */
public final class TraceValues {
    private static final Value NO_MEMBERSHIP = record(new String[] {"configs", "learners"},
            new Value[] {new TupleValue(new Value[0]), set(List.of())});

    private final Map<TraceMembership, Value> memberships = new HashMap<>();
    private final Map<TraceEntry, Value> entries = new HashMap<>();

    /** {@code [nodes |-> {..}, bootstrap |-> membership]}. */
    public static Value header(TraceHeader header) {
        return record(new String[] {"nodes", "bootstrap"},
                new Value[] {set(header.nodes()), new TraceValues().membership(header.bootstrap())});
    }

    /** The events of one trace as a tuple of event records. */
    public Value events(List<TraceEvent> events) {
        Value[] values = new Value[events.size()];
        for (int k = 0; k < values.length; k++) {
            values[k] = event(events.get(k));
        }
        return new TupleValue(values);
    }

    Value event(TraceEvent e) {
        List<String> names = new ArrayList<>(List.of("event", "node"));
        List<Value> values = new ArrayList<>(List.of(str(e.event()), IntValue.gen(e.node())));
        if (e instanceof TraceEvent.SendRequestVote x) {
            add(names, values, "msg", message(x.msg()));
        } else if (e instanceof TraceEvent.HandleRequestVote x) {
            add(names, values, "msg", message(x.msg()));
            add(names, values, "reply", message(x.reply()));
        } else if (e instanceof TraceEvent.HandleRequestVoteResponse x) {
            add(names, values, "msg", message(x.msg()));
        } else if (e instanceof TraceEvent.BecomeLeader x) {
            add(names, values, "entry", entry(x.entry()));
            add(names, values, "index", num(x.index()));
        } else if (e instanceof TraceEvent.ClientRequest x) {
            add(names, values, "entry", entry(x.entry()));
            add(names, values, "index", num(x.index()));
        } else if (e instanceof TraceEvent.ProposeMembership x) {
            add(names, values, "entry", entry(x.entry()));
            add(names, values, "index", num(x.index()));
        } else if (e instanceof TraceEvent.ProposeMembershipRejected x) {
            add(names, values, "reason", str(x.reason().json()));
            add(names, values, "membership", membership(x.membership()));
        } else if (e instanceof TraceEvent.SendAppendEntries x) {
            add(names, values, "msg", message(x.msg()));
        } else if (e instanceof TraceEvent.HandleAppendEntries x) {
            add(names, values, "msg", message(x.msg()));
            add(names, values, "reply", message(x.reply()));
        } else if (e instanceof TraceEvent.HandleAppendEntriesResponse x) {
            add(names, values, "msg", message(x.msg()));
        } else if (e instanceof TraceEvent.AdvanceCommitIndex x) {
            add(names, values, "commitIndex", num(x.commitIndex()));
        } else if (e instanceof TraceEvent.NetworkEvent x) {
            add(names, values, "msg", message(x.msg()));
        }
        if (e instanceof TraceEvent.NodeEvent n) {
            add(names, values, "state", state(n.state()));
        }
        return record(names.toArray(String[]::new), values.toArray(Value[]::new));
    }

    Value state(TraceState s) {
        Value membership = membership(s.membership());
        RecordValue m = (RecordValue) membership;
        Value effective = record(new String[] {"configs", "learners", "index"},
                new Value[] {m.select(str("configs")), m.select(str("learners")), num(s.membershipIndex())});
        return record(
                new String[] {"term", "votedFor", "role", "commitIndex", "lastLogIndex", "lastLogTerm", "membership"},
                new Value[] {num(s.term()), IntValue.gen(s.votedFor()), str(s.role().json()), num(s.commitIndex()),
                        num(s.lastLogIndex()), num(s.lastLogTerm()), effective});
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
        }
        TraceMessage.AppendEntriesResponse x = (TraceMessage.AppendEntriesResponse) m;
        return record(concat(common, "success", "matchIndex"), concat(head, bool(x.success()), num(x.matchIndex())));
    }

    Value entry(TraceEntry e) {
        return entries.computeIfAbsent(e, k -> record(new String[] {"term", "kind", "mem"},
                new Value[] {num(k.term()), str(k.kind().json()),
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

    private static void add(List<String> names, List<Value> values, String name, Value value) {
        names.add(name);
        values.add(value);
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
