package dev.headroom.load.guard;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a guard or threshold watches. Latency percentiles count from the due time; {@code service.*}
 * from the actual send; {@code lag.*} is the generator's own delay from due time to send (its
 * event loop behind schedule; {@code lag} alone is its p99); {@code wait.*} is the time due
 * requests waited for a free connection or in-flight slot, the target's backpressure ({@code wait}
 * alone is its p99). {@code errors} is the fraction of finished requests that failed;
 * {@code throughput} successful responses per second.
 */
public enum Metric {
    P50("p50", Unit.MILLIS),
    P90("p90", Unit.MILLIS),
    P99("p99", Unit.MILLIS),
    P999("p99.9", Unit.MILLIS),
    MAX("max", Unit.MILLIS),
    MEAN("mean", Unit.MILLIS),
    SERVICE_P50("service.p50", Unit.MILLIS),
    SERVICE_P99("service.p99", Unit.MILLIS),
    SERVICE_MAX("service.max", Unit.MILLIS),
    LAG_P50("lag.p50", Unit.MILLIS),
    LAG_P99("lag.p99", Unit.MILLIS),
    LAG_MAX("lag.max", Unit.MILLIS),
    WAIT_P50("wait.p50", Unit.MILLIS),
    WAIT_P99("wait.p99", Unit.MILLIS),
    WAIT_MAX("wait.max", Unit.MILLIS),
    ERRORS("errors", Unit.FRACTION),
    THROUGHPUT("throughput", Unit.PER_SECOND);

    /** How a metric's value is written and compared. */
    public enum Unit {
        MILLIS("ms"),
        FRACTION(""),
        PER_SECOND("/s");

        private final String suffix;

        Unit(String suffix) {
            this.suffix = suffix;
        }

        public String suffix() {
            return suffix;
        }
    }

    private final String specName;
    private final Unit unit;

    Metric(String specName, Unit unit) {
        this.specName = specName;
        this.unit = unit;
    }

    public String specName() {
        return specName;
    }

    public Unit unit() {
        return unit;
    }

    /** Whether in-flight requests' ages bound this metric from below (latency from the due time). */
    boolean countsInFlight() {
        return unit == Unit.MILLIS
                && !name().startsWith("SERVICE")
                && !name().startsWith("LAG")
                && !name().startsWith("WAIT");
    }

    public static Optional<Metric> byName(String name) {
        String n = name.trim();
        if (n.equals("lag")) {
            return Optional.of(LAG_P99);
        }
        if (n.equals("wait")) {
            return Optional.of(WAIT_P99);
        }
        if (n.equals("p999")) {
            return Optional.of(P999);
        }
        return Arrays.stream(values()).filter(m -> m.specName.equals(n)).findFirst();
    }

    public static List<String> names() {
        return Arrays.stream(values()).map(Metric::specName).toList();
    }
}
