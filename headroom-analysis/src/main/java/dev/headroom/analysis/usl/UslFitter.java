package dev.headroom.analysis.usl;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fits the Universal Scalability Law to measured points by nonlinear least squares on throughput:
 * Levenberg-Marquardt with the analytic Jacobian and Marquardt's scaling, started from the
 * linearised fit of {@code N / X = (1 + sigma (N - 1) + kappa N (N - 1)) / lambda} (Schwartz,
 * section "Fitting the model"), with {@code sigma} and {@code kappa} held at zero when the data
 * push them below it.
 */
public final class UslFitter {
    /** Fewer distinct concurrency levels than this and three parameters are barely determined. */
    public static final int RECOMMENDED_LEVELS = 6;
    /** Three parameters need at least three distinct levels. */
    public static final int MINIMUM_LEVELS = 3;
    /** Two levels closer than this (relative) count as one. */
    private static final double DISTINCT_TOLERANCE = 0.02;
    /** A coefficient is significant when it exceeds this many standard errors. */
    private static final double SIGNIFICANCE = 2.0;

    private static final int SIGMA = 0;
    private static final int KAPPA = 1;
    private static final int LAMBDA = 2;
    private static final int MAX_ITERATIONS = 500;

    private UslFitter() {}

    /**
     * The fit, or an {@link IllegalArgumentException} saying why there is none (fewer than
     * {@link #MINIMUM_LEVELS} distinct concurrency levels).
     */
    public static UslFit fit(List<UslPoint> points) {
        int distinct = distinctLevels(points);
        if (distinct < MINIMUM_LEVELS) {
            throw new IllegalArgumentException("the USL has three parameters and needs at least " + MINIMUM_LEVELS
                    + " distinct concurrency levels; the data have " + distinct);
        }
        double[] n = points.stream().mapToDouble(UslPoint::concurrency).toArray();
        double[] x = points.stream().mapToDouble(UslPoint::throughputPerSecond).toArray();

        Solution full = levenbergMarquardt(n, x, linearised(n, x), false);
        List<String> warnings = new ArrayList<>();
        if (distinct < RECOMMENDED_LEVELS) {
            warnings.add(String.format(
                    Locale.US,
                    "only %d distinct concurrency levels (%d or more recommended): add steps for a fit to rely on",
                    distinct,
                    RECOMMENDED_LEVELS));
        }
        boolean kappaSignificant = full.p[KAPPA] > SIGNIFICANCE * full.errors[KAPPA];
        boolean sigmaSignificant = full.p[SIGMA] > SIGNIFICANCE * full.errors[SIGMA];
        Solution chosen = full;
        if (!kappaSignificant) {
            chosen = levenbergMarquardt(n, x, new double[] {full.p[SIGMA], 0, full.p[LAMBDA]}, true);
            sigmaSignificant = chosen.p[SIGMA] > SIGNIFICANCE * chosen.errors[SIGMA];
            warnings.add(String.format(
                    Locale.US,
                    "coherency kappa = %.3g +/- %.2g is not significantly above zero: reported as Amdahl's law"
                            + " (kappa = 0), which levels off but has no peak",
                    full.p[KAPPA],
                    full.errors[KAPPA]));
        }
        if (!sigmaSignificant && !kappaSignificant) {
            warnings.add("no curvature: throughput still grows in proportion to concurrency, so the run did not"
                    + " reach contention; extend the steps to higher load");
        }
        UslModel model = new UslModel(chosen.p[SIGMA], chosen.p[KAPPA], chosen.p[LAMBDA]);
        double rSquared = rSquared(x, chosen.sumOfSquares);
        if (rSquared < 0.9) {
            warnings.add(String.format(
                    Locale.US, "poor fit: R^2 = %.3f; the points may be too noisy or not in steady state", rSquared));
        }
        double maxN = java.util.Arrays.stream(n).max().orElse(0);
        if (model.kappa() > 0 && model.peakConcurrency() > 2 * maxN) {
            warnings.add(String.format(
                    Locale.US,
                    "the peak (N = %.1f) lies far beyond the highest measured concurrency (%.1f): an extrapolation",
                    model.peakConcurrency(),
                    maxN));
        }
        return new UslFit(
                model,
                chosen.errors[SIGMA],
                chosen.errors[KAPPA],
                chosen.errors[LAMBDA],
                rSquared,
                points.size(),
                distinct,
                chosen.iterations,
                !kappaSignificant,
                warnings);
    }

    /** The number of concurrency levels more than {@link #DISTINCT_TOLERANCE} apart. */
    static int distinctLevels(List<UslPoint> points) {
        double[] n = points.stream().mapToDouble(UslPoint::concurrency).sorted().toArray();
        int count = 0;
        double last = Double.NEGATIVE_INFINITY;
        for (double v : n) {
            if (v > last * (1 + DISTINCT_TOLERANCE)) {
                count++;
                last = v;
            }
        }
        return count;
    }

    /**
     * Start values from ordinary least squares on {@code N / X = a + b (N - 1) + c N (N - 1)}, where
     * {@code lambda = 1 / a}, {@code sigma = b / a}, {@code kappa = c / a}; negative coefficients
     * start at zero.
     */
    static double[] linearised(double[] n, double[] x) {
        double[][] a = new double[3][3];
        double[] b = new double[3];
        double bestPerUnit = 0;
        for (int i = 0; i < n.length; i++) {
            if (x[i] <= 0) {
                continue;
            }
            bestPerUnit = Math.max(bestPerUnit, x[i] / n[i]);
            double[] row = {1, n[i] - 1, n[i] * (n[i] - 1)};
            double y = n[i] / x[i];
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    a[r][c] += row[r] * row[c];
                }
                b[r] += row[r] * y;
            }
        }
        double[] coef = solveScaled(a, b, new boolean[] {true, true, true});
        if (coef == null || !(coef[0] > 0)) {
            return new double[] {0, 0, bestPerUnit > 0 ? bestPerUnit : 1};
        }
        return new double[] {Math.max(0, coef[1] / coef[0]), Math.max(0, coef[2] / coef[0]), 1 / coef[0]};
    }

    private record Solution(double[] p, double[] errors, double sumOfSquares, int iterations) {}

    private static Solution levenbergMarquardt(double[] n, double[] x, double[] start, boolean kappaFixed) {
        double[] p = start.clone();
        if (kappaFixed) {
            p[KAPPA] = 0;
        }
        double ss = sumOfSquares(n, x, p);
        double mu = 1e-3;
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            iteration++;
            double[][] jtj = new double[3][3];
            double[] jtr = new double[3];
            normalEquations(n, x, p, jtj, jtr);
            boolean[] free = {p[SIGMA] > 0 || jtr[SIGMA] > 0, !kappaFixed && (p[KAPPA] > 0 || jtr[KAPPA] > 0), true};
            boolean improved = false;
            while (mu < 1e20) {
                double[][] damped = new double[3][3];
                for (int r = 0; r < 3; r++) {
                    damped[r] = jtj[r].clone();
                    damped[r][r] *= 1 + mu;
                }
                double[] step = solveScaled(damped, jtr, free);
                if (step == null) {
                    mu *= 10;
                    continue;
                }
                double[] candidate = {
                    Math.max(0, p[SIGMA] + step[SIGMA]), Math.max(0, p[KAPPA] + step[KAPPA]), p[LAMBDA] + step[LAMBDA]
                };
                double candidateSs = candidate[LAMBDA] > 0 ? sumOfSquares(n, x, candidate) : Double.POSITIVE_INFINITY;
                if (candidateSs < ss) {
                    double change = (ss - candidateSs) / Math.max(ss, Double.MIN_NORMAL);
                    p = candidate;
                    ss = candidateSs;
                    mu = Math.max(mu / 10, 1e-12);
                    improved = change > 1e-15;
                    break;
                }
                mu *= 10;
            }
            if (!improved) {
                break;
            }
        }
        return new Solution(p, standardErrors(n, x, p, ss, kappaFixed), ss, iteration);
    }

    /** {@code J^T J} and {@code J^T r} for residuals {@code r = X - f(N)} and {@code J = df/dp}. */
    private static void normalEquations(double[] n, double[] x, double[] p, double[][] jtj, double[] jtr) {
        for (int i = 0; i < n.length; i++) {
            double[] j = jacobianRow(n[i], p);
            double r = x[i] - model(n[i], p);
            for (int a = 0; a < 3; a++) {
                for (int b = 0; b < 3; b++) {
                    jtj[a][b] += j[a] * j[b];
                }
                jtr[a] += j[a] * r;
            }
        }
    }

    private static double model(double n, double[] p) {
        return p[LAMBDA] * n / (1 + p[SIGMA] * (n - 1) + p[KAPPA] * n * (n - 1));
    }

    /** Partial derivatives of {@code f = lambda N / D}, {@code D = 1 + sigma (N-1) + kappa N (N-1)}. */
    private static double[] jacobianRow(double n, double[] p) {
        double d = 1 + p[SIGMA] * (n - 1) + p[KAPPA] * n * (n - 1);
        double f = p[LAMBDA] * n / d;
        return new double[] {-f * (n - 1) / d, -f * n * (n - 1) / d, n / d};
    }

    private static double sumOfSquares(double[] n, double[] x, double[] p) {
        double ss = 0;
        for (int i = 0; i < n.length; i++) {
            double r = x[i] - model(n[i], p);
            ss += r * r;
        }
        return ss;
    }

    private static double rSquared(double[] x, double ss) {
        double mean = java.util.Arrays.stream(x).average().orElse(0);
        double total = 0;
        for (double v : x) {
            total += (v - mean) * (v - mean);
        }
        return total > 0 ? 1 - ss / total : 1;
    }

    /** Square roots of the diagonal of {@code s^2 (J^T J)^-1} over the free parameters. */
    private static double[] standardErrors(double[] n, double[] x, double[] p, double ss, boolean kappaFixed) {
        boolean[] free = {p[SIGMA] > 0, !kappaFixed && p[KAPPA] > 0, true};
        int k = 0;
        for (boolean f : free) {
            k += f ? 1 : 0;
        }
        double[] errors = new double[3];
        if (n.length <= k) {
            return errors;
        }
        double s2 = ss / (n.length - k);
        double[][] jtj = new double[3][3];
        normalEquations(n, x, p, jtj, new double[3]);
        for (int col = 0; col < 3; col++) {
            if (!free[col]) {
                continue;
            }
            double[] unit = new double[3];
            unit[col] = 1;
            double[] column = solveScaled(jtj, unit, free);
            errors[col] = column == null ? Double.MAX_VALUE : Math.sqrt(Math.max(0, s2 * column[col]));
        }
        return errors;
    }

    /**
     * Solves {@code a y = b} over the free variables (the others are zero), after scaling each
     * variable by the square root of its diagonal so parameters of very different size (kappa near
     * 1e-4, lambda near 1e3) are solved with full precision. Null when singular.
     */
    static double[] solveScaled(double[][] a, double[] b, boolean[] free) {
        int[] idx = new int[3];
        int k = 0;
        for (int i = 0; i < 3; i++) {
            if (free[i]) {
                idx[k++] = i;
            }
        }
        double[] scale = new double[k];
        double[][] m = new double[k][k + 1];
        for (int r = 0; r < k; r++) {
            double d = a[idx[r]][idx[r]];
            if (!(d > 0)) {
                return null;
            }
            scale[r] = 1 / Math.sqrt(d);
        }
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                m[r][c] = a[idx[r]][idx[c]] * scale[r] * scale[c];
            }
            m[r][k] = b[idx[r]] * scale[r];
        }
        for (int col = 0; col < k; col++) {
            int pivot = col;
            for (int r = col + 1; r < k; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(m[pivot][col]) < 1e-14) {
                return null;
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = 0; r < k; r++) {
                if (r != col) {
                    double factor = m[r][col] / m[col][col];
                    for (int c = col; c <= k; c++) {
                        m[r][c] -= factor * m[col][c];
                    }
                }
            }
        }
        double[] y = new double[3];
        for (int r = 0; r < k; r++) {
            y[idx[r]] = m[r][k] / m[r][r] * scale[r];
        }
        return y;
    }
}
