package dev.headroom.model.run;

import org.HdrHistogram.Histogram;

/** Latency percentiles in milliseconds, read from a histogram (never averaged across histograms). */
public record LatencySummary(long count, double mean, double p50, double p90, double p99, double p999, double max) {
    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0, 0);

    /** The percentiles of a histogram of microseconds, in milliseconds. */
    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        return new LatencySummary(
                micros.getTotalCount(),
                ms(micros.getMean()),
                ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)),
                ms(micros.getMaxValue()));
    }

    private static double ms(double micros) {
        return Math.round(micros) / 1000.0;
    }
}
