package dev.headroom.analysis.usl;

/**
 * The Universal Scalability Law: throughput at concurrency N is
 * {@code X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))} (Gunther; equation 3 of
 * Schwartz, "Practical Scalability Analysis with the Universal Scalability Law", 2015).
 * {@code sigma} is contention (the serial fraction), {@code kappa} coherency (crosstalk), and
 * {@code lambda} the throughput of one unit of concurrency with neither.
 */
public record UslModel(double sigma, double kappa, double lambda) {

    /** Throughput at concurrency {@code n}. */
    public double throughputAt(double n) {
        return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    /**
     * The concurrency of peak throughput, {@code N* = sqrt((1 - sigma) / kappa)} (Schwartz,
     * equation 5); infinite when {@code kappa} is zero (Amdahl's law: throughput only levels off).
     */
    public double peakConcurrency() {
        if (kappa <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.sqrt(Math.max(0, 1 - sigma) / kappa);
    }

    /** Throughput at {@link #peakConcurrency()}; with {@code kappa} zero, the ceiling {@code lambda / sigma}. */
    public double peakThroughput() {
        if (kappa <= 0) {
            return sigma > 0 ? lambda / sigma : Double.POSITIVE_INFINITY;
        }
        return throughputAt(peakConcurrency());
    }
}
