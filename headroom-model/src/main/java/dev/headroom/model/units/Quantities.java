package dev.headroom.model.units;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser for the quantities a spec is written in: durations ({@code 250ms}, {@code 10s},
 * {@code 1.5h}), rates ({@code 1_000/s}, {@code 6000/min}), factors ({@code 1.5x}) and plain
 * counts. Every method throws {@link QuantityException} with a message that says what was
 * expected, so callers can report it with a location.
 */
public final class Quantities {
    private static final String DURATION_PART =
            "([0-9][0-9_]*(?:\\.[0-9_]+)?(?:[eE][-+]?[0-9]+)?)\\s*(ns|us|µs|ms|sec|s|min|m|h|d)";
    private static final Pattern DURATION = Pattern.compile("(?:" + DURATION_PART + "\\s*)+");
    private static final Pattern DURATION_PIECE = Pattern.compile(DURATION_PART);
    private static final Pattern RATE =
            Pattern.compile("([0-9][0-9_]*(?:\\.[0-9_]+)?(?:[eE][-+]?[0-9]+)?)\\s*/\\s*(ms|s|sec|m|min|h)");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9][0-9_]*(?:\\.[0-9_]+)?(?:[eE][-+]?[0-9]+)?");
    private static final Pattern FACTOR = Pattern.compile("([0-9][0-9_]*(?:\\.[0-9_]+)?)\\s*x");
    private static final Pattern PERCENT = Pattern.compile("([0-9][0-9_]*(?:\\.[0-9_]+)?)\\s*%");

    private Quantities() {}

    /**
     * A duration such as {@code 250ms}, {@code 1.5s}, {@code 10m}, {@code 2h}, or a sum of such
     * parts as {@link #formatDuration} writes them ({@code 1h30m}, {@code 2m30s}); returns nanoseconds.
     */
    public static long durationNanos(String text) {
        String s = text.trim();
        if (s.startsWith("-")) {
            throw new QuantityException("a duration cannot be negative", "write a positive duration such as 250ms");
        }
        Matcher m = DURATION.matcher(s);
        if (!m.matches()) {
            if (NUMBER.matcher(s).matches()) {
                throw new QuantityException(
                        "a duration needs a unit",
                        "write it with a unit: " + s + "ms or " + s + "s (ns, us, ms, s, m, h, d)");
            }
            throw new QuantityException("not a duration", "write a number with a unit, such as 250ms, 10s, 5m or 1h");
        }
        double nanos = 0;
        Matcher piece = DURATION_PIECE.matcher(s);
        while (piece.find()) {
            nanos += number(piece.group(1)) * unitNanos(piece.group(2));
        }
        if (nanos > Long.MAX_VALUE / 4.0) {
            throw new QuantityException("the duration is too long", "keep durations under 1,000 days");
        }
        return Math.round(nanos);
    }

    /** A rate such as {@code 100/s}, {@code 1_000/s}, {@code 6000/min}; returns events per second. */
    public static double ratePerSecond(String text) {
        String s = text.trim();
        if (s.startsWith("-")) {
            throw new QuantityException("a rate cannot be negative", "write a rate of zero or more, such as 100/s");
        }
        Matcher m = RATE.matcher(s);
        if (!m.matches()) {
            if (NUMBER.matcher(s).matches()) {
                throw new QuantityException(
                        "a rate needs a unit", "write it per unit of time: " + s + "/s or " + s + "/min");
            }
            throw new QuantityException("not a rate", "write a number per unit of time, such as 100/s or 6000/min");
        }
        double value = number(m.group(1));
        double perNanos = unitNanos(m.group(2));
        return finite(value * 1e9 / perNanos);
    }

    /** A factor such as {@code 1.5x} or {@code 1.5}. */
    public static double factor(String text) {
        String s = text.trim();
        Matcher m = FACTOR.matcher(s);
        if (m.matches()) {
            return number(m.group(1));
        }
        if (NUMBER.matcher(s).matches()) {
            return number(s);
        }
        throw new QuantityException("not a factor", "write a number such as 1.5 or 1.5x");
    }

    /** A fraction such as {@code 0.8} or {@code 80%}; returns a value in [0, 1] or throws. */
    public static double fraction(String text) {
        String s = text.trim();
        Matcher m = PERCENT.matcher(s);
        double value;
        if (m.matches()) {
            value = number(m.group(1)) / 100.0;
        } else if (NUMBER.matcher(s).matches()) {
            value = number(s);
        } else {
            throw new QuantityException(
                    "not a fraction", "write a number between 0 and 1, or a percentage such as 80%");
        }
        if (value < 0 || value > 1) {
            throw new QuantityException(
                    "a fraction must lie between 0 and 1", "write a number between 0 and 1, or 0% to 100%");
        }
        return value;
    }

    /** A plain number, underscores allowed as digit separators. */
    public static double number(String text) {
        String s = text.trim();
        if (!NUMBER.matcher(s).matches()) {
            throw new QuantityException("not a number", "write a plain number such as 4 or 0.25");
        }
        double value = Double.parseDouble(s.replace("_", ""));
        if (Double.isInfinite(value)) {
            throw new QuantityException("the number is too large", "write a number below 1e300");
        }
        return value;
    }

    /**
     * {@code value} if it is a finite number: a product of parsed numbers (1e308/ms in events per
     * second, 1e308TiB in GiB) can overflow to infinity, which no bound or sum survives.
     */
    public static double finite(double value) {
        if (!Double.isFinite(value)) {
            throw new QuantityException("the number is too large", "write a number below 1e300");
        }
        return value;
    }

    /** A whole number, underscores allowed. */
    public static long wholeNumber(String text) {
        String s = text.trim().replace("_", "");
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new QuantityException("not a whole number", "write a whole number such as 4");
        }
    }

    private static double unitNanos(String unit) {
        return switch (unit.toLowerCase(Locale.ROOT)) {
            case "ns" -> 1;
            case "us", "µs" -> 1e3;
            case "ms" -> 1e6;
            case "s", "sec" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3600e9;
            case "d" -> 86400e9;
            default -> throw new IllegalArgumentException(unit);
        };
    }

    /** Formats nanoseconds the way a person writes them: {@code 250ms}, {@code 1.5s}, {@code 2h}. */
    public static String formatDuration(long nanos) {
        if (nanos == 0) {
            return "0s";
        }
        if (nanos % 3_600_000_000_000L == 0) {
            return nanos / 3_600_000_000_000L + "h";
        }
        if (nanos % 60_000_000_000L == 0) {
            long minutes = nanos / 60_000_000_000L;
            return minutes >= 60 ? minutes / 60 + "h" + minutes % 60 + "m" : minutes + "m";
        }
        if (nanos > 60_000_000_000L && nanos % 1_000_000_000L == 0) {
            long seconds = nanos / 1_000_000_000L;
            return formatDuration((seconds / 60) * 60_000_000_000L) + seconds % 60 + "s";
        }
        if (nanos >= 1_000_000_000L) {
            return trim(nanos / 1e9) + "s";
        }
        if (nanos >= 1_000_000L) {
            return trim(nanos / 1e6) + "ms";
        }
        if (nanos >= 1_000L) {
            return trim(nanos / 1e3) + "us";
        }
        return nanos + "ns";
    }

    /** Formats a factor: {@code 1.5x}. */
    public static String formatFactor(double factor) {
        return trim(factor) + "x";
    }

    /** Formats a rate per second: {@code 100/s}, {@code 2.5/s}. */
    public static String formatRate(double perSecond) {
        return trim(perSecond) + "/s";
    }

    private static String trim(double value) {
        String s = String.format(Locale.US, "%.3f", value);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
