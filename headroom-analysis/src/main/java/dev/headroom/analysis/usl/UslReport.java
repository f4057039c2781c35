package dev.headroom.analysis.usl;

import java.util.List;

/**
 * What {@code headroom fit} writes to {@code usl.json} and what a report renders: the levels of
 * load with their measured and fitted throughput, the coefficients with their standard errors, the
 * peak, a sampled fitted curve to draw, and the warnings. {@code peakConcurrency} is null for
 * Amdahl's law (no peak), and {@code peakThroughputPerSecond} is then its ceiling
 * {@code lambda / sigma} (null too when {@code sigma} is zero).
 */
public record UslReport(
        String format,
        String runId,
        String grouping,
        String responseTime,
        double sigma,
        double sigmaError,
        double kappa,
        double kappaError,
        double lambda,
        double lambdaError,
        double rSquared,
        boolean amdahlOnly,
        Double peakConcurrency,
        Double peakThroughputPerSecond,
        List<Point> points,
        List<CurvePoint> curve,
        List<String> warnings) {
    public static final String FORMAT = "headroom-usl/1";

    public UslReport {
        points = List.copyOf(points);
        curve = List.copyOf(curve);
        warnings = List.copyOf(warnings);
    }

    /** One level of load: where it was, what was measured, what the fit says. */
    public record Point(
            double startSeconds,
            double endSeconds,
            double offeredPerSecond,
            double concurrency,
            double throughputPerSecond,
            double fittedPerSecond,
            double meanResponseMillis) {}

    /** The fitted curve at one concurrency. */
    public record CurvePoint(double concurrency, double throughputPerSecond) {}
}
