package dev.headroom.load.guard;

import java.util.Locale;

/**
 * A guard or a threshold as written: {@code p99 > 800ms over 10s}. A guard trips when its
 * condition holds over the window (the last {@code windowSeconds} of the run, evaluated every
 * 200 ms); a threshold is a condition the whole run must meet (no window). Values are in the
 * metric's unit: milliseconds, a fraction, or per second.
 */
public record Rule(String text, Metric metric, Op op, double value, double windowSeconds) {

    /** A comparison. */
    public enum Op {
        LT("<"),
        LE("<="),
        GT(">"),
        GE(">=");

        private final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean test(double observed, double value) {
            return switch (this) {
                case LT -> observed < value;
                case LE -> observed <= value;
                case GT -> observed > value;
                case GE -> observed >= value;
            };
        }
    }

    public boolean holds(double observed) {
        return op.test(observed, value);
    }

    /** The observed value as a person reads it: {@code 912.4ms}, {@code 7.31%}, {@code 180/s}. */
    public String format(double observed) {
        return formatValue(metric, observed);
    }

    public static String formatValue(Metric metric, double v) {
        return switch (metric.unit()) {
            case MILLIS -> String.format(Locale.US, "%.1fms", v);
            case FRACTION -> String.format(Locale.US, "%.2f%%", 100 * v);
            case PER_SECOND -> String.format(Locale.US, "%.1f/s", v);
        };
    }
}
