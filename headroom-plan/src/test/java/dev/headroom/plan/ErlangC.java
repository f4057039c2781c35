package dev.headroom.plan;

/** Closed forms of the M/M/c queue (Kleinrock, Queueing Systems vol. 1, section 3.5). */
final class ErlangC {
    private ErlangC() {}

    /** The probability that an arrival waits, for c servers at offered load a = lambda / mu (a < c). */
    static double probabilityOfWaiting(int c, double a) {
        double term = 1;
        double sum = 1;
        for (int k = 1; k < c; k++) {
            term *= a / k;
            sum += term;
        }
        double last = term * a / c; // a^c / c!
        double top = last * c / (c - a);
        return top / (sum + top);
    }

    /**
     * P(T > t) for the response time T = W + S of FCFS M/M/c: with probability 1 - C no wait, else
     * an exponential wait of rate theta = c mu - lambda, then an exponential service of rate mu.
     */
    static double responseTail(int c, double lambda, double mu, double t) {
        double wait = probabilityOfWaiting(c, lambda / mu);
        double theta = c * mu - lambda;
        double both = Math.abs(theta - mu) < 1e-12
                ? Math.exp(-mu * t) * (1 + mu * t)
                : (theta * Math.exp(-mu * t) - mu * Math.exp(-theta * t)) / (theta - mu);
        return (1 - wait) * Math.exp(-mu * t) + wait * both;
    }

    /** The p-quantile of the response time, by bisection (seconds). */
    static double responseQuantile(int c, double lambda, double mu, double p) {
        double lo = 0;
        double hi = 1;
        while (responseTail(c, lambda, mu, hi) > 1 - p) {
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (responseTail(c, lambda, mu, mid) > 1 - p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
