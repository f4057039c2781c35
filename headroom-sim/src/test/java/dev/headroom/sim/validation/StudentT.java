package dev.headroom.sim.validation;

/**
 * Quantiles of Student's t distribution for whole degrees of freedom, enough for confidence
 * intervals over a handful of replications. The central probability A(t|v) = P(|T| <= t) is the
 * exact finite series of Abramowitz and Stegun §26.7 (one form for odd v, one for even v), and a
 * quantile is found by bisection on it.
 */
final class StudentT {
    private StudentT() {}

    /** P(|T| <= t) for T with {@code df} degrees of freedom. */
    static double centralProbability(double t, int df) {
        if (df < 1) {
            throw new IllegalArgumentException("degrees of freedom must be at least 1, was " + df);
        }
        double theta = Math.atan(Math.abs(t) / Math.sqrt(df));
        double sin = Math.sin(theta);
        double cos = Math.cos(theta);
        double cos2 = cos * cos;
        if (df % 2 == 1) {
            // 2/pi (theta + sin (cos + 2/3 cos^3 + (2*4)/(3*5) cos^5 + ... up to cos^(v-2)))
            double sum = 0;
            if (df > 1) {
                double term = cos;
                sum = term;
                for (int k = 3; k <= df - 2; k += 2) {
                    term *= cos2 * (k - 1) / k;
                    sum += term;
                }
            }
            return 2 / Math.PI * (theta + sin * sum);
        }
        // sin (1 + 1/2 cos^2 + (1*3)/(2*4) cos^4 + ... up to cos^(v-2))
        double term = 1;
        double sum = 1;
        for (int k = 2; k <= df - 2; k += 2) {
            term *= cos2 * (k - 1) / k;
            sum += term;
        }
        return sin * sum;
    }

    /** The t with P(|T| <= t) = {@code level}: the multiplier of a two-sided confidence interval. */
    static double twoSidedQuantile(double level, int df) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level must be in (0, 1), was " + level);
        }
        double lo = 0;
        double hi = 1;
        while (centralProbability(hi, df) < level) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (centralProbability(mid, df) < level) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
