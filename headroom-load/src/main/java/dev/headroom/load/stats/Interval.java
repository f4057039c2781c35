package dev.headroom.load.stats;

import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One interval of a measured run as collected from every event loop: counts, error counts by
 * kind, and histograms (microseconds) of latency from the due time, service time, generator lag
 * and backpressure wait (the two parts of the delay from due time to send), overall and per request. {@code inFlightAges} holds the age of every request still in flight at the
 * interval's end: a lower bound on latencies not yet known, which guards must not ignore.
 * {@code heldMillis} is how long due arrivals have been waiting for a free connection at the
 * interval's end (0 when none waits): a lower bound on the lag of arrivals not yet sent.
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
        Histogram backpressureWait,
        Histogram[] classLatency,
        Histogram inFlightAges,
        int inFlight,
        int openConnections,
        boolean held,
        double heldMillis) {

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
