package org.jointraft.trace;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.jointraft.core.EntryKind;

/**
 * The rules of one event field that its Java type cannot say, written on the component of a
 * {@link TraceEvent} record. {@link TraceVocabulary} reads them once; the reader checks them, the
 * merge and the docs follow from them.
 */
public final class TraceField {

    private TraceField() {}

    /** A message field and what the step did with it (its addressing and its effect on the network). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Msg {
        MessageRole value();
    }

    /** The entry the step appended; it must be of this kind. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Appended {
        EntryKind value();
    }

    /** An integer that must be {@code >= 1} (without it: {@code >= 0}). */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Positive {}

    /** A field that may be absent (null in Java); written only when present. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Optional {}

    /**
     * A membership that records what was asked for, so it need only have the right shape (it may be
     * ill-formed or name unknown nodes). With {@link #whenField} set, only when that earlier enum field
     * has the trace name {@link #is}; otherwise the membership must be well-formed.
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface AsRequested {
        String whenField() default "";

        String is() default "";
    }

    /** An optional field present exactly when the earlier boolean field {@link #field} is {@link #is}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface PresentWhen {
        String field();

        boolean is();

        /** The error when the field is there although it must not be. */
        String otherwise();
    }

    /** An integer that must be at most {@link #value}. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface Max {
        long value();
    }

    /** An optional field present exactly when the earlier optional field {@link #value} is present. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    public @interface With {
        String value();
    }

    /**
     * A field or event new in schema version {@link #value}: a trace whose header gives an older version must not
     * hold it (the reader refuses it, naming the line; the writer refuses to write it).
     */
    @Retention(RetentionPolicy.RUNTIME)
    @Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
    public @interface Since {
        int value();
    }
}
