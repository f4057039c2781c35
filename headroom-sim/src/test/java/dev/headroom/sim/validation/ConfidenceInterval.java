package dev.headroom.sim.validation;

import java.util.Locale;

/**
 * A Student-t confidence interval for the mean of independent replications: each replication is
 * one run with its own seed, so its estimates are independent of the others' even though the
 * requests inside one run are not.
 */
record ConfidenceInterval(double mean, double halfWidth, double level, int replications) {

    static ConfidenceInterval of(double[] replicationValues, double level) {
        int n = replicationValues.length;
        if (n < 2) {
            throw new IllegalArgumentException("a confidence interval needs at least two replications");
        }
        double mean = 0;
        for (double v : replicationValues) {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (double v : replicationValues) {
            squares += (v - mean) * (v - mean);
        }
        double standardError = Math.sqrt(squares / (n - 1) / n);
        return new ConfidenceInterval(mean, StudentT.twoSidedQuantile(level, n - 1) * standardError, level, n);
    }

    boolean contains(double value) {
        return Math.abs(value - mean) <= halfWidth;
    }

    /** The half-width as a fraction of {@code reference}: the precision the replications reached. */
    double relativeHalfWidth(double reference) {
        return halfWidth / Math.abs(reference);
    }

    @Override
    public String toString() {
        return String.format(
                Locale.US, "%.6g ± %.3g (%.0f%% CI, %d replications)", mean, halfWidth, level * 100, replications);
    }
}
