package dev.headroom.load.stats;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One interval of a measured run as collected from every event loop: counts, error counts by
 * kind, and histograms (microseconds) of latency from the due time, service time and lag, overall
 * and per request. {@code inFlightAges} holds the age of every request still in flight at the
 * interval's end: a lower bound on latencies not yet known, which guards must not ignore.
 */
public record Interval(
        double startSeconds,
        double lengthSeconds,
        long arrivals,
        long completed,
        Map<String, Long> errors,
        Histogram latency,
        Histogram service,
        Histogram lag,
        Histogram[] classLatency,
        Histogram inFlightAges,
        int inFlight,
        int openConnections,
        boolean held) {

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
