package dev.headroom.load.stats;

import dev.headroom.model.run.LatencySummary;
import org.HdrHistogram.Histogram;

/**
 * Histogram conventions of the load generator: values in microseconds (as the simulator's), 3
 * significant digits, up to one hour; longer values are recorded as one hour.
 */
public final class Histograms {
    public static final long HIGHEST_MICROS = 3_600_000_000L;
    public static final int DIGITS = 3;

    private Histograms() {}

    public static Histogram create() {
        return new Histogram(HIGHEST_MICROS, DIGITS);
    }

    /** Nanoseconds to the microseconds recorded, clamped to the histogram's range. */
    public static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, (nanos + 500) / 1000));
    }

    /** Percentiles in milliseconds, read from one histogram (never averaged across histograms). */
    public static LatencySummary summarize(Histogram h) {
        if (h.getTotalCount() == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(
                h.getTotalCount(),
                ms(h.getMean()),
                ms(h.getValueAtPercentile(50)),
                ms(h.getValueAtPercentile(90)),
                ms(h.getValueAtPercentile(99)),
                ms(h.getValueAtPercentile(99.9)),
                ms(h.getMaxValue()));
    }

    private static double ms(double micros) {
        return Math.round(micros) / 1000.0;
    }
}
