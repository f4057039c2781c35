package dev.headroom.model.run;

/** Latency percentiles in milliseconds, read from a histogram (never averaged across histograms). */
public record LatencySummary(long count, double mean, double p50, double p90, double p99, double p999, double max) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);
}
