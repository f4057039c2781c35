package dev.headroom.sim.validation;

import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * The one-sample Kolmogorov-Smirnov test: the largest gap D between a sample's empirical CDF and
 * a fully specified CDF, and its p-value from Kolmogorov's limiting distribution with Stephens'
 * (1970) small-sample correction, lambda = (sqrt(n) + 0.12 + 0.11 / sqrt(n)) D.
 */
final class KolmogorovSmirnov {
    private KolmogorovSmirnov() {}

    static double statistic(double[] sample, DoubleUnaryOperator cdf) {
        double[] x = sample.clone();
        Arrays.sort(x);
        int n = x.length;
        double d = 0;
        for (int i = 0; i < n; i++) {
            double f = cdf.applyAsDouble(x[i]);
            d = Math.max(d, Math.max((i + 1.0) / n - f, f - (double) i / n));
        }
        return d;
    }

    /** P(D >= d) for a sample of {@code n} from the hypothesised distribution. */
    static double pValue(double d, int n) {
        double sqrtN = Math.sqrt(n);
        double lambda = (sqrtN + 0.12 + 0.11 / sqrtN) * d;
        if (lambda < 0.2) {
            return 1; // The series converges slowly here, and its value is 1 to many digits.
        }
        // Q_KS(lambda) = 2 sum_{j>=1} (-1)^(j-1) exp(-2 j^2 lambda^2)
        double sum = 0;
        double sign = 1;
        for (int j = 1; j <= 100; j++) {
            double term = sign * Math.exp(-2.0 * j * j * lambda * lambda);
            sum += term;
            if (Math.abs(term) < 1e-16) {
                break;
            }
            sign = -sign;
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }
}
