package org.jointraft.trace;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jointraft.core.CallOperation;
import org.jointraft.core.EntryKind;
import org.jointraft.core.RejectReason;
import org.jointraft.core.Role;

/**
 * The JSON spellings of the enums a trace holds: each enum's own {@code traceName()}, looked up once per
 * enum type. Also the words error messages use for each of them.
 */
final class TraceNames {

    private TraceNames() {}

    private static final Map<Class<?>, String> LABELS = Map.of(
            Role.class, "role",
            EntryKind.class, "entry kind",
            RejectReason.class, "reason",
            CallOperation.class, "operation",
            TraceChange.Type.class, "change type");

    private static final ClassValue<Spellings> SPELLINGS = new ClassValue<>() {
        @Override
        protected Spellings computeValue(Class<?> type) {
            return new Spellings(type);
        }
    };

    /** The trace name of {@code value}. */
    static String of(Enum<?> value) {
        return SPELLINGS.get(value.getDeclaringClass()).names[value.ordinal()];
    }

    /** The constant of {@code type} spelled {@code text}, or null when there is none. */
    static Object parse(Class<?> type, String text) {
        return SPELLINGS.get(type).byName.get(text);
    }

    /** {@code unknown role "Boss" (expected Follower, Candidate or Leader)}. */
    static String unknown(Class<?> type, String text) {
        String[] names = SPELLINGS.get(type).names;
        String expected = names.length == 1 ? names[0]
                : String.join(", ", Arrays.copyOf(names, names.length - 1)) + " or " + names[names.length - 1];
        return "unknown " + label(type) + " \"" + text + "\" (expected " + expected + ")";
    }

    static String label(Class<?> type) {
        String label = LABELS.get(type);
        if (label == null) {
            throw new IllegalStateException("no label for the trace enum " + type.getName());
        }
        return label;
    }

    /** The enum types a trace may hold. */
    static List<Class<?>> types() {
        return List.copyOf(LABELS.keySet());
    }

    private static final class Spellings {
        final String[] names;
        final Map<String, Object> byName = new HashMap<>();

        Spellings(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            names = new String[constants.length];
            try {
                Method traceName = type.getMethod("traceName");
                for (Object c : constants) {
                    String name = (String) traceName.invoke(c);
                    names[((Enum<?>) c).ordinal()] = name;
                    byName.put(name, c);
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(type.getName() + " has no public traceName()", e);
            }
        }
    }
}
