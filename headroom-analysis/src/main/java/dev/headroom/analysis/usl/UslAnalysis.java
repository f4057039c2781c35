package dev.headroom.analysis.usl;

import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;

/** From a run's timeline to its {@link UslReport}: levels of load, Little's law, the fit. */
public final class UslAnalysis {
    static final int CURVE_POINTS = 60;
    /** A level that completes less than this share of its offered rate did not keep up. */
    static final double BEHIND = 0.95;

    private UslAnalysis() {}

    /**
     * The fit of a run's levels of load, or an {@link IllegalArgumentException} saying why there is
     * none (too few distinct levels).
     */
    public static UslReport of(String runId, List<TimelineRecord> timeline, StepSplitter splitter) {
        List<LoadStep> steps = splitter.split(timeline);
        List<UslPoint> points = new ArrayList<>();
        for (LoadStep s : steps) {
            if (s.concurrency() > 0) {
                points.add(new UslPoint(s.concurrency(), s.throughputPerSecond()));
            }
        }
        if (UslFitter.distinctLevels(points) < UslFitter.MINIMUM_LEVELS) {
            throw new IllegalArgumentException("the run has " + steps.size() + " level"
                    + (steps.size() == 1 ? "" : "s") + " of load with " + UslFitter.distinctLevels(points)
                    + " distinct concurrencies; a USL fit needs at least " + UslFitter.MINIMUM_LEVELS + " (and "
                    + UslFitter.RECOMMENDED_LEVELS + " or more to rely on): run a steps profile with more steps,"
                    + " or a longer ramp");
        }
        boolean service = timeline.stream().anyMatch(r -> r.serviceMillis() != null);
        return report(
                runId,
                splitter.hasSteps(timeline) ? "steps" : "windows",
                service ? "service" : "latency",
                steps,
                UslFitter.fit(points));
    }

    /** The report of a fit to bare points (a CSV of concurrency and throughput), with no times. */
    public static UslReport ofPoints(String name, List<UslPoint> points, UslFit fit) {
        List<LoadStep> steps = new ArrayList<>();
        for (UslPoint p : points) {
            double x = p.throughputPerSecond();
            steps.add(new LoadStep(0, 0, 0, 0, x, x > 0 ? p.concurrency() / x * 1000 : 0, p.concurrency()));
        }
        return report(name, "points", "given", steps, fit);
    }

    static UslReport report(String runId, String grouping, String responseTime, List<LoadStep> steps, UslFit fit) {
        UslModel m = fit.model();
        List<UslReport.Point> rows = new ArrayList<>();
        double maxN = 0;
        for (LoadStep s : steps) {
            rows.add(new UslReport.Point(
                    s.startSeconds(),
                    s.endSeconds(),
                    round(s.offeredPerSecond()),
                    round(s.concurrency()),
                    round(s.throughputPerSecond()),
                    round(m.throughputAt(s.concurrency())),
                    round(s.meanResponseMillis())));
            maxN = Math.max(maxN, s.concurrency());
        }
        double peakN = m.peakConcurrency();
        double ceiling = m.peakThroughput();
        double curveEnd = Double.isFinite(peakN) ? Math.max(1.25 * maxN, Math.min(1.5 * peakN, 4 * maxN)) : 1.25 * maxN;
        List<UslReport.CurvePoint> curve = new ArrayList<>();
        for (int i = 1; i <= CURVE_POINTS; i++) {
            double n = curveEnd * i / CURVE_POINTS;
            curve.add(new UslReport.CurvePoint(round(n), round(m.throughputAt(n))));
        }
        List<String> warnings = new ArrayList<>(fit.warnings());
        long behind = steps.stream()
                .filter(st ->
                        st.offeredPerSecond() > 0 && st.throughputPerSecond() < BEHIND * st.offeredRequestsPerSecond())
                .count();
        if (behind > 0) {
            warnings.add(behind + " level" + (behind == 1 ? "" : "s") + " completed less than 95% of the offered"
                    + " rate: an open-model run past saturation is not in steady state there, and Little's law gives"
                    + " the queue of that moment; a closed-model run (virtual users) measures the curve beyond the"
                    + " peak properly");
        }
        return new UslReport(
                UslReport.FORMAT,
                runId,
                grouping,
                responseTime,
                significant(m.sigma(), 7),
                significant(fit.sigmaError(), 3),
                significant(m.kappa(), 7),
                significant(fit.kappaError(), 3),
                significant(m.lambda(), 7),
                significant(fit.lambdaError(), 3),
                round(fit.rSquared()),
                fit.amdahlOnly(),
                Double.isFinite(peakN) ? round(peakN) : null,
                Double.isFinite(ceiling) ? round(ceiling) : null,
                rows,
                curve,
                warnings);
    }

    /** Six significant digits: enough for any figure a report shows, and stable bytes. */
    static double round(double v) {
        return significant(v, 6);
    }

    private static double significant(double v, int digits) {
        if (v == 0 || !Double.isFinite(v)) {
            return v;
        }
        return new java.math.BigDecimal(v)
                .round(new java.math.MathContext(digits))
                .doubleValue();
    }
}
