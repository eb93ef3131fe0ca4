package org.jointraft.trace;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.core.EntryKind;
import org.jointraft.trace.TraceField.Appended;
import org.jointraft.trace.TraceField.AsRequested;
import org.jointraft.trace.TraceField.Max;
import org.jointraft.trace.TraceField.Msg;
import org.jointraft.trace.TraceField.Optional;
import org.jointraft.trace.TraceField.Positive;
import org.jointraft.trace.TraceField.PresentWhen;
import org.jointraft.trace.TraceField.Since;
import org.jointraft.trace.TraceField.With;

/**
 * The trace vocabulary, computed once from the {@link TraceEvent} records: every event type with its
 * category and its fields in JSON order, each field with its rules. The writer, the reader, TraceMerge
 * and the conversion to TLC values iterate over it, and a test checks docs/trace-format.md and the trace
 * spec against it, so a new event is declared once, as a record.
 */
public final class TraceVocabulary {

    /** What kind of step an event is. */
    public enum Category {
        /** A step of a node's protocol state machine, logged with the node's post-state. */
        NODE_STEP(TraceEvent.NodeEvent.class),
        /** A fault of the network, logged at the message's destination. */
        NETWORK_FAULT(TraceEvent.NetworkEvent.class),
        /** A fault of a node (a crash); no state. */
        NODE_FAULT(TraceEvent.FaultEvent.class),
        /** Start or end of a client call. */
        CLIENT_CALL(TraceEvent.CallEvent.class);

        private final Class<?> marker;

        Category(Class<?> marker) {
            this.marker = marker;
        }

        static Category of(Class<?> record) {
            for (Category c : values()) {
                if (c.marker.isAssignableFrom(record)) {
                    return c;
                }
            }
            throw new IllegalStateException(record.getSimpleName() + " is of no event category");
        }
    }

    /**
     * One field of an event (after {@code seq}, {@code node} and {@code event}).
     *
     * @param index          position among the event's fields (0 = the first after {@code event})
     * @param role           for a message: what the step did with it; else null
     * @param appended       for an appended entry: the kind it must have; else null
     * @param requestFor     for a {@link MessageRole#REPLY}: the index of the received request; else -1
     * @param asRequested    a membership that need only have the right shape (see {@link #asRequestedWhen})
     * @param asRequestedWhen with {@code asRequested}: the index of the enum field that must have the trace
     *                       name {@code asRequestedIs} for the relaxation to apply, or -1 (always)
     * @param presentWhen    for a field present only with a boolean: that field's index, else -1
     * @param max            the largest value of an integer field, or {@link Long#MAX_VALUE}
     * @param with           for an optional field present exactly when an earlier optional one is: its index, else -1
     * @param since          the schema version that added the field (1: there from the start)
     */
    public record Field(
            String name,
            int index,
            Class<?> type,
            boolean postState,
            boolean positive,
            boolean optional,
            MessageRole role,
            EntryKind appended,
            int requestFor,
            boolean asRequested,
            int asRequestedWhen,
            String asRequestedIs,
            int presentWhen,
            boolean presentWhenIs,
            String presentOtherwise,
            long max,
            int with,
            int since,
            MethodHandle accessor) {

        /** This field's value in {@code event} (boxed; null for an absent optional field). */
        public Object get(TraceEvent event) {
            try {
                return accessor.invokeExact(event);
            } catch (Throwable t) {
                throw new IllegalStateException("cannot read " + name + " of " + event, t);
            }
        }
    }

    /**
     * One event type: its JSON name, its record, its category, its fields in JSON order and the schema version that
     * added it.
     */
    public record EventType(String name, Class<? extends TraceEvent> record, Category category, List<Field> fields,
            int since, MethodHandle constructor) {

        /** The JSON names of the line: {@code seq}, {@code node}, {@code event}, then the fields. */
        public List<String> jsonNames() {
            List<String> names = new ArrayList<>(List.of("seq", "node", "event"));
            fields.forEach(f -> names.add(f.name()));
            return names;
        }

        /** The event of this type at {@code node} with {@code values} (one per field, in order). */
        TraceEvent create(int node, Object[] values) {
            Object[] args = new Object[values.length + 1];
            args[0] = node;
            System.arraycopy(values, 0, args, 1, values.length);
            try {
                return (TraceEvent) constructor.invokeExact(args);
            } catch (RuntimeException e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException("cannot create " + name, t);
            }
        }
    }

    private static final Map<String, EventType> BY_NAME = new LinkedHashMap<>();
    private static final ClassValue<EventType> BY_CLASS = new ClassValue<>() {
        @Override
        protected EventType computeValue(Class<?> type) {
            EventType t = BY_NAME.get(type.getSimpleName());
            if (t == null || t.record() != type) {
                throw new IllegalArgumentException(type + " is not a trace event");
            }
            return t;
        }
    };

    static {
        collect(TraceEvent.class);
    }

    private TraceVocabulary() {}

    /** Every event type, in the order TraceEvent declares them. */
    public static List<EventType> events() {
        return List.copyOf(BY_NAME.values());
    }

    /** The event type named {@code name}, or null. */
    public static EventType named(String name) {
        return BY_NAME.get(name);
    }

    /** The type of {@code event}. */
    public static EventType of(TraceEvent event) {
        return BY_CLASS.get(event.getClass());
    }

    private static void collect(Class<?> type) {
        if (type.isRecord()) {
            EventType t = declare(type.asSubclass(TraceEvent.class));
            BY_NAME.put(t.name(), t);
        } else {
            for (Class<?> sub : type.getPermittedSubclasses()) {
                collect(sub);
            }
        }
    }

    private static EventType declare(Class<? extends TraceEvent> record) {
        String name = record.getSimpleName();
        RecordComponent[] components = record.getRecordComponents();
        if (components.length == 0 || !components[0].getName().equals("node") || components[0].getType() != int.class) {
            throw new IllegalStateException(name + ": the first component must be int node");
        }
        Category category = Category.of(record);
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        List<Field> fields = new ArrayList<>();
        Class<?>[] types = new Class<?>[components.length];
        types[0] = int.class;
        for (int i = 1; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            fields.add(field(name, c, i - 1, fields, lookup));
        }
        boolean hasState = fields.stream().anyMatch(Field::postState);
        if (hasState != (category == Category.NODE_STEP)
                || hasState && !fields.get(fields.size() - 1).name().equals("state")) {
            throw new IllegalStateException(name + ": a node step, and only a node step, ends with its post-state \"state\"");
        }
        try {
            MethodHandle ctor = lookup.findConstructor(record, MethodType.methodType(void.class, types))
                    .asSpreader(Object[].class, types.length)
                    .asType(MethodType.methodType(TraceEvent.class, Object[].class));
            Since since = record.getAnnotation(Since.class);
            return new EventType(name, record, category, List.copyOf(fields), since == null ? 1 : since.value(), ctor);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(name + ": no canonical constructor", e);
        }
    }

    private static Field field(String event, RecordComponent c, int index, List<Field> earlier,
            MethodHandles.Lookup lookup) {
        String name = c.getName();
        Msg msg = c.getAnnotation(Msg.class);
        MessageRole role = msg == null ? null : msg.value();
        if ((role != null) != TraceMessage.class.isAssignableFrom(c.getType())) {
            throw new IllegalStateException(event + "." + name + ": a message field needs @Msg, and only it");
        }
        int requestFor = -1;
        if (role == MessageRole.REPLY) {
            requestFor = earlier.stream().filter(f -> f.role() == MessageRole.RECEIVED).mapToInt(Field::index)
                    .findFirst().orElseThrow(() -> new IllegalStateException(event + ": a reply needs a received request"));
        }
        Appended appended = c.getAnnotation(Appended.class);
        AsRequested asRequested = c.getAnnotation(AsRequested.class);
        int asRequestedWhen = asRequested == null || asRequested.whenField().isEmpty()
                ? -1 : indexOf(event, earlier, asRequested.whenField());
        PresentWhen presentWhen = c.getAnnotation(PresentWhen.class);
        int presentIndex = presentWhen == null ? -1 : indexOf(event, earlier, presentWhen.field());
        With with = c.getAnnotation(With.class);
        int withIndex = with == null ? -1 : indexOf(event, earlier, with.value());
        Max max = c.getAnnotation(Max.class);
        Since since = c.getAnnotation(Since.class);
        try {
            MethodHandle accessor = lookup.unreflect(c.getAccessor())
                    .asType(MethodType.methodType(Object.class, TraceEvent.class));
            return new Field(name, index, c.getType(), c.getType() == TraceState.class,
                    c.isAnnotationPresent(Positive.class), c.isAnnotationPresent(Optional.class), role,
                    appended == null ? null : appended.value(), requestFor,
                    asRequested != null, asRequestedWhen, asRequested == null ? null : asRequested.is(),
                    presentIndex, presentWhen != null && presentWhen.is(),
                    presentWhen == null ? null : presentWhen.otherwise(), max == null ? Long.MAX_VALUE : max.value(),
                    withIndex, since == null ? 1 : since.value(), accessor);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(event + "." + name + ": accessor not accessible", e);
        }
    }

    private static int indexOf(String event, List<Field> earlier, String name) {
        return earlier.stream().filter(f -> f.name().equals(name)).mapToInt(Field::index).findFirst()
                .orElseThrow(() -> new IllegalStateException(event + ": refers to " + name + ", not an earlier field"));
    }
}
