package dev.headroom.sim.validation;

/**
 * Tail probabilities of the chi-square distribution, through the regularized incomplete gamma
 * function: P(X <= x) = P(k/2, x/2). The series and the continued fraction are those of Numerical
 * Recipes (Press et al., 3rd ed., §6.2); ln Gamma is Lanczos' approximation (g = 7, 9 terms).
 */
final class ChiSquare {
    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;
    private static final double[] LANCZOS = {
        0.99999999999980993,
        676.5203681218851,
        -1259.1392167224028,
        771.32342877765313,
        -176.61502916214059,
        12.507343278686905,
        -0.13857109526572012,
        9.9843695780195716e-6,
        1.5056327351493116e-7
    };

    private ChiSquare() {}

    /** P(X >= statistic) for X chi-square with {@code df} degrees of freedom. */
    static double upperTail(double statistic, int df) {
        return 1 - lowerTail(statistic, df);
    }

    /** P(X <= statistic) for X chi-square with {@code df} degrees of freedom. */
    static double lowerTail(double statistic, int df) {
        double a = df / 2.0;
        double x = statistic / 2.0;
        if (x <= 0) {
            return 0;
        }
        return x < a + 1 ? gammaSeries(a, x) : 1 - gammaContinuedFraction(a, x);
    }

    /** Twice the smaller tail: small when the statistic is too large (misfit) or too small (too regular). */
    static double twoSided(double statistic, int df) {
        double lower = lowerTail(statistic, df);
        return Math.min(1, 2 * Math.min(lower, 1 - lower));
    }

    private static double gammaSeries(double a, double x) {
        double ap = a;
        double term = 1 / a;
        double sum = term;
        for (int n = 0; n < 100_000 && Math.abs(term) > Math.abs(sum) * EPSILON; n++) {
            ap++;
            term *= x / ap;
            sum += term;
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    private static double gammaContinuedFraction(double a, double x) {
        double b = x + 1 - a;
        double c = 1 / TINY;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 100_000; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < TINY ? TINY : d;
            c = b + an / c;
            c = Math.abs(c) < TINY ? TINY : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    static double logGamma(double z) {
        if (z < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
        }
        double x = z - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
