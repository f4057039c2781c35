package dev.headroom.load.guard;

import dev.headroom.model.spec.Names;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code <metric> <op> <value> [over <duration>]}, such as {@code p99 > 800ms over 10s},
 * {@code errors > 5% over 5s}, {@code lag > 100ms over 5s} or {@code throughput >= 180/s}. Throws
 * {@link QuantityException} with the rule broken and a fix, for the caller to locate.
 */
public final class RuleParser {
    private static final Pattern RULE =
            Pattern.compile("\\s*([A-Za-z][A-Za-z0-9.]*)\\s*(<=|>=|<|>)\\s*(.+?)(?:\\s+over\\s+(\\S+))?\\s*");

    private RuleParser() {}

    /** A guard: must have a window. */
    public static Rule guard(String text) {
        Rule r = parse(text);
        if (r.windowSeconds() <= 0) {
            throw new QuantityException(
                    "a guard needs a window", "add one at the end, such as '" + text.trim() + " over 10s'");
        }
        return r;
    }

    /** A threshold: over the whole run, so no window. */
    public static Rule threshold(String text) {
        Rule r = parse(text);
        if (r.windowSeconds() > 0) {
            throw new QuantityException(
                    "a threshold applies to the whole run and takes no window",
                    "drop the 'over ...' part, or make it a guard");
        }
        return r;
    }

    static Rule parse(String text) {
        Matcher m = RULE.matcher(text);
        if (!m.matches()) {
            throw new QuantityException(
                    "not a rule", "write <metric> <op> <value> [over <window>], such as p99 > 800ms over 10s");
        }
        Metric metric = Metric.byName(m.group(1))
                .orElseThrow(() -> new QuantityException(
                        "unknown metric '" + m.group(1) + "'", Names.suggest(m.group(1), Metric.names())));
        Rule.Op op =
                switch (m.group(2)) {
                    case "<" -> Rule.Op.LT;
                    case "<=" -> Rule.Op.LE;
                    case ">" -> Rule.Op.GT;
                    default -> Rule.Op.GE;
                };
        double value = value(metric, m.group(3));
        double window = 0;
        if (m.group(4) != null) {
            window = Quantities.durationNanos(m.group(4)) / 1e9;
            if (window < 1) {
                throw new QuantityException(
                        "a window must be at least 1s (the timeline's interval)", "write over 5s or more");
            }
        }
        return new Rule(text.trim(), metric, op, value, window);
    }

    private static double value(Metric metric, String text) {
        return switch (metric.unit()) {
            case MILLIS -> Quantities.durationNanos(text) / 1e6;
            case FRACTION -> Quantities.fraction(text);
            case PER_SECOND -> Quantities.ratePerSecond(text);
        };
    }
}
