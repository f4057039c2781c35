package dev.headroom.analysis.calibrate;

import java.util.List;

/**
 * The calibrated model against the measurement, below the knee: from {@code windowStartSeconds}
 * (the end of the first level's transient; the model from 0, it has no warm-up) to {@code
 * windowSeconds} (the end of the last level below the knee), throughput and latency percentiles
 * from merged histograms; each level's throughput and mean latency; whether the
 * targets held (throughput within 5%, p50 and p99 within 20%); and what explains the differences.
 */
public record CalibrationCheck(
        double windowStartSeconds,
        double windowSeconds,
        Figures measured,
        Figures simulated,
        boolean throughputWithinTarget,
        boolean p50WithinTarget,
        boolean p99WithinTarget,
        List<Level> levels,
        List<String> explanations) {
    public static final double THROUGHPUT_TOLERANCE = 0.05;
    public static final double LATENCY_TOLERANCE = 0.20;

    public CalibrationCheck {
        levels = List.copyOf(levels);
        explanations = List.copyOf(explanations);
    }

    /** Throughput (successful responses per second) and latency in milliseconds. */
    public record Figures(double throughputPerSecond, double p50Millis, double p99Millis, double meanMillis) {}

    /** One level of load, measured and simulated. */
    public record Level(
            double startSeconds,
            double endSeconds,
            double offeredPerSecond,
            boolean belowKnee,
            double measuredPerSecond,
            double simulatedPerSecond,
            double measuredMeanMillis,
            double simulatedMeanMillis) {}

    public static CalibrationCheck of(
            double windowStartSeconds,
            double windowSeconds,
            Figures measured,
            Figures simulated,
            List<Level> levels,
            List<String> explanations) {
        return new CalibrationCheck(
                windowStartSeconds,
                windowSeconds,
                measured,
                simulated,
                within(simulated.throughputPerSecond(), measured.throughputPerSecond(), THROUGHPUT_TOLERANCE),
                within(simulated.p50Millis(), measured.p50Millis(), LATENCY_TOLERANCE),
                within(simulated.p99Millis(), measured.p99Millis(), LATENCY_TOLERANCE),
                levels,
                explanations);
    }

    public boolean withinTargets() {
        return throughputWithinTarget && p50WithinTarget && p99WithinTarget;
    }

    static boolean within(double model, double measured, double tolerance) {
        return measured > 0 && Math.abs(model / measured - 1) <= tolerance;
    }
}
