package dev.headroom.analysis.calibrate;

import java.util.Arrays;

/**
 * A robust estimate from per-interval values: the median and the interquartile range (the middle
 * half of the intervals lie between {@code lower} and {@code upper}), over {@code intervals}.
 */
public record Estimate(double median, double lower, double upper, int intervals) {

    /** The estimate of the finite values; null when there are none. */
    static Estimate of(double[] values) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return null;
        }
        return new Estimate(quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75), v.length);
    }

    /** The same estimate in other units (times {@code factor}). */
    Estimate times(double factor) {
        return new Estimate(median * factor, lower * factor, upper * factor, intervals);
    }

    /** Half the interquartile range relative to the median: how much the intervals disagree. */
    public double relativeSpread() {
        return median == 0 ? 0 : (upper - lower) / 2 / Math.abs(median);
    }

    private static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
