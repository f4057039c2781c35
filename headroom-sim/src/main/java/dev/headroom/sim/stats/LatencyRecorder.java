package dev.headroom.sim.stats;

import dev.headroom.model.run.LatencySummary;
import org.HdrHistogram.Histogram;

/**
 * Latencies of successful responses in an HdrHistogram at microsecond resolution: 3 significant
 * digits for a run's figures, 2 for a timeline interval's (1% is plenty there, and the smaller
 * histogram keeps the per-second summary cheap).
 */
public final class LatencyRecorder {
    private static final long HIGHEST_MICROS = 24L * 3600 * 1_000_000;

    private final Histogram histogram;

    public LatencyRecorder() {
        this(3);
    }

    public LatencyRecorder(int significantDigits) {
        this.histogram = new Histogram(HIGHEST_MICROS, significantDigits);
    }

    public void record(long latencyNanos) {
        long micros = Math.min(HIGHEST_MICROS, Math.max(0, (latencyNanos + 500) / 1000));
        histogram.recordValue(micros);
    }

    public void reset() {
        histogram.reset();
    }

    public Histogram histogram() {
        return histogram;
    }

    public LatencySummary summary() {
        return summarize(histogram);
    }

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
