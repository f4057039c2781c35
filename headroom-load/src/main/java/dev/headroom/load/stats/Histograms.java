package dev.headroom.load.stats;

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
}
