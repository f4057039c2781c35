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
        return LatencySummary.of(histogram);
    }
}
