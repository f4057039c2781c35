package dev.headroom.model.workload;

import java.util.List;

/** A distribution of a time demand, in nanoseconds. Sampling lives in the simulator. */
public sealed interface Distribution {

    /** The mean, in nanoseconds. */
    double meanNanos();

    /** Always the same value. */
    record Fixed(long nanos) implements Distribution {
        @Override
        public double meanNanos() {
            return nanos;
        }
    }

    /** Exponential with the given mean (memoryless service, as in M/M/c). */
    record Exponential(double meanNanos) implements Distribution {}

    /**
     * Log-normal given by its mean and 99th percentile, the two figures people know from their
     * traces. With z = 2.3263 (the standard normal 99% quantile), p99/mean = exp(z sigma - sigma^2/2),
     * so sigma is the smaller root of sigma^2/2 - z sigma + ln(p99/mean) = 0 and mu = ln(mean) -
     * sigma^2/2. A real root exists only when p99/mean <= exp(z^2/2), about 14.9.
     */
    record LogNormal(double meanNanos, double p99Nanos) implements Distribution {
        public static final double Z99 = 2.3263478740408408;

        public static double maxP99OverMean() {
            return Math.exp(Z99 * Z99 / 2);
        }

        public double sigma() {
            double c = Math.log(p99Nanos / meanNanos);
            return Z99 - Math.sqrt(Z99 * Z99 - 2 * c);
        }

        public double mu() {
            double s = sigma();
            return Math.log(meanNanos) - s * s / 2;
        }
    }

    /** Values drawn uniformly from a list of observations (an empirical distribution). */
    record Empirical(List<Long> nanos) implements Distribution {
        public Empirical {
            nanos = List.copyOf(nanos);
        }

        @Override
        public double meanNanos() {
            double sum = 0;
            for (long v : nanos) {
                sum += v;
            }
            return sum / nanos.size();
        }
    }
}
