package dev.headroom.sim.validation;

/**
 * The closed forms the simulator is checked against, in seconds and requests per second. Sources:
 * Kleinrock, Queueing Systems Vol. 1 (1975), §3.2 (M/M/1), §3.5 (M/M/m) and ch. 5 (M/G/1, the
 * Pollaczek-Khinchine mean-value formula); Jackson, "Jobshop-like queueing systems", Management
 * Science 10(1), 1963 (product form of open networks).
 */
final class QueueingFormulas {
    private QueueingFormulas() {}

    /** M/M/1 mean response time (wait plus service): 1 / (mu - lambda). */
    static double mm1MeanResponse(double lambda, double mu) {
        requireStable(lambda, mu);
        return 1 / (mu - lambda);
    }

    /** M/M/1 mean number in the system: rho / (1 - rho). */
    static double mm1MeanInSystem(double rho) {
        return rho / (1 - rho);
    }

    /** M/M/1 (FCFS) response time is exponential with rate mu - lambda: its p-quantile is -ln(1 - p) / (mu - lambda). */
    static double mm1ResponseQuantile(double p, double lambda, double mu) {
        requireStable(lambda, mu);
        return -Math.log(1 - p) / (mu - lambda);
    }

    /**
     * Erlang's C formula: the probability that an arrival to an M/M/c queue waits, for offered load
     * a = lambda / mu erlangs. Computed from the Erlang B recursion B(k) = a B(k-1) / (k + a B(k-1)),
     * then C = c B / (c - a (1 - B)), which is stable for large c.
     */
    static double erlangC(int c, double offeredLoad) {
        if (offeredLoad >= c) {
            throw new IllegalArgumentException("unstable: offered load " + offeredLoad + " >= " + c + " servers");
        }
        double b = 1;
        for (int k = 1; k <= c; k++) {
            b = offeredLoad * b / (k + offeredLoad * b);
        }
        return c * b / (c - offeredLoad * (1 - b));
    }

    /** M/M/c mean wait in the queue: C(c, a) / (c mu - lambda). */
    static double mmcMeanWait(int c, double lambda, double mu) {
        return erlangC(c, lambda / mu) / (c * mu - lambda);
    }

    /**
     * M/M/c (FCFS) P(response time > t). The wait is 0 with probability 1 - C and otherwise
     * exponential with rate theta = c mu - lambda, independent of the exponential(mu) service, so
     * P(T > t) = (1 - C) e^(-mu t) + C (theta e^(-mu t) - mu e^(-theta t)) / (theta - mu).
     */
    static double mmcResponseTail(double t, int c, double lambda, double mu) {
        double waitProbability = erlangC(c, lambda / mu);
        return Math.exp(-mu * t) + waitProbability * (waitedTail(t, c, lambda, mu) - Math.exp(-mu * t));
    }

    /**
     * Inverts {@link #mmcResponseTail} for C: the probability of waiting implied by the observed
     * fraction of responses slower than t, given mu and theta.
     */
    static double mmcWaitProbabilityFromTail(double observedTail, double t, int c, double lambda, double mu) {
        double served = Math.exp(-mu * t);
        return (observedTail - served) / (waitedTail(t, c, lambda, mu) - served);
    }

    /** P(W + S > t) for W exponential(c mu - lambda) and S exponential(mu), independent. */
    private static double waitedTail(double t, int c, double lambda, double mu) {
        double theta = c * mu - lambda;
        if (Math.abs(theta - mu) < 1e-12 * mu) {
            return (1 + mu * t) * Math.exp(-mu * t); // Erlang-2 when the rates coincide.
        }
        return (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
    }

    /**
     * M/G/1 mean wait in the queue by Pollaczek-Khinchine: lambda E[S^2] / (2 (1 - rho)); for a
     * constant service time S (M/D/1) that is rho S / (2 (1 - rho)).
     */
    static double md1MeanWait(double rho, double serviceSeconds) {
        return rho * serviceSeconds / (2 * (1 - rho));
    }

    private static void requireStable(double lambda, double mu) {
        if (lambda >= mu) {
            throw new IllegalArgumentException("unstable: lambda " + lambda + " >= mu " + mu);
        }
    }
}
