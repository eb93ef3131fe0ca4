package org.jointraft.conformance.options;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The values a numeric option may take. An option names the converter of its range, so picocli refuses a value out
 * of range while parsing, before any work starts, with the option's name, the range and the value (for example
 * {@code Invalid value for option '--jobs': must be at least 1, got 0}); the main entry point turns that into exit
 * code 2. Records that hold such values check them with the same range ({@link #check}), so the rule is said once.
 *
 * @param min the smallest allowed value
 * @param max the largest allowed value; {@link Integer#MAX_VALUE} for no upper limit
 */
public record Range(double min, double max) {

    /** Whole numbers from 1. */
    public static final Range POSITIVE = new Range(1, Integer.MAX_VALUE);
    /** Whole numbers from 0. */
    public static final Range NON_NEGATIVE = new Range(0, Integer.MAX_VALUE);
    /** A chance: a real number from 0 to 1. */
    public static final Range PROBABILITY = new Range(0, 1);

    /** What is wrong with {@code value}, e.g. {@code must be between 1 and 64, got 65}; null when it is in range. */
    public String violation(double value) {
        if (value >= min && value <= max) {
            return null;
        }
        return (max == Integer.MAX_VALUE ? "must be at least " + number(min) : "must be between " + number(min)
                + " and " + number(max)) + ", got " + number(value);
    }

    /**
     * {@code value}, when in range.
     *
     * @throws IllegalArgumentException naming {@code option} and the range
     */
    public double check(String option, double value) {
        String violation = violation(value);
        if (violation != null) {
            throw new IllegalArgumentException(option + " " + violation);
        }
        return value;
    }

    /** {@link #check} for whole numbers. */
    public int check(String option, int value) {
        check(option, (double) value);
        return value;
    }

    /** {@code x} as a person writes it: {@code 64}, not {@code 64.0}. */
    public static String number(double x) {
        return x == Math.rint(x) && !Double.isInfinite(x) ? Long.toString((long) x) : Double.toString(x);
    }

    /** Converts an option's text to a number and refuses it when outside {@link #range()}. */
    public abstract static class Converter<T extends Number> implements ITypeConverter<T> {
        private final Range range;
        private final String kind;

        protected Converter(Range range, String kind) {
            this.range = range;
            this.kind = kind;
        }

        public Range range() {
            return range;
        }

        /** The number {@code text} spells, or a {@link NumberFormatException}. */
        protected abstract double parse(String text);

        /** The option's value, once {@code value} is known to be in range. */
        protected abstract T of(double value);

        @Override
        public T convert(String text) {
            double value;
            try {
                value = parse(text.trim());
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is not " + kind);
            }
            String violation = range.violation(value);
            if (violation != null) {
                throw new TypeConversionException(violation);
            }
            return of(value);
        }
    }

    /** A whole-number option. */
    public abstract static class WholeNumber extends Converter<Integer> {
        protected WholeNumber(Range range) {
            super(range, "a whole number");
        }

        @Override
        protected double parse(String text) {
            return Long.parseLong(text);
        }

        @Override
        protected Integer of(double value) {
            return (int) value;
        }
    }

    /** A real-number option (NaN is never in range). */
    public abstract static class RealNumber extends Converter<Double> {
        protected RealNumber(Range range) {
            super(range, "a number");
        }

        @Override
        protected double parse(String text) {
            return Double.parseDouble(text);
        }

        @Override
        protected Double of(double value) {
            return value;
        }
    }

    /** 1, 2, ... (runs, jobs, workers, seconds of a timeout). */
    public static final class Positive extends WholeNumber {
        public Positive() {
            super(POSITIVE);
        }
    }

    /** 0, 1, ... */
    public static final class NonNegative extends WholeNumber {
        public NonNegative() {
            super(NON_NEGATIVE);
        }
    }

    /** A chance from 0 to 1. */
    public static final class Probability extends RealNumber {
        public Probability() {
            super(PROBABILITY);
        }
    }
}
