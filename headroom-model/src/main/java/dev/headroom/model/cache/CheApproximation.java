package dev.headroom.model.cache;

/**
 * The hit ratio of an LRU cache under independent requests for keys of Zipf popularity, by Che's
 * approximation (H. Che, Y. Tung, Z. Wang, "Hierarchical Web caching systems: modeling, design
 * and experimental results", IEEE JSAC 20(7), 2002; its accuracy explained by C. Fricker, P. Robert
 * and J. Roberts, "A versatile and accurate approximation for LRU cache performance", ITC 24,
 * 2012). A key of request probability p stays in the cache while fewer than C other distinct keys
 * are requested; Che treats that window as a constant T, the "characteristic time", solving
 *
 * <pre>  sum_i (1 - exp(-p_i T)) = C                  (the cache holds C keys)
 *   hit = sum_i p_i (1 - exp(-p_i T))</pre>
 *
 * With N keys the sums run over geometrically growing bins of ranks (each bin's keys have nearly
 * the same popularity), so a hundred million keys cost a few thousand terms.
 */
public final class CheApproximation {
    private static final double BIN_GROWTH = 1.002;

    private final double[] binProbability;
    private final double[] binKeys;

    private CheApproximation(double[] binProbability, double[] binKeys) {
        this.binProbability = binProbability;
        this.binKeys = binKeys;
    }

    /** Popularity p_i proportional to 1/i^exponent over {@code keys} keys (exponent 0 = uniform). */
    public static CheApproximation zipf(long keys, double exponent) {
        if (keys < 1) {
            throw new IllegalArgumentException("keys must be at least 1");
        }
        int capacity = 64;
        double[] p = new double[capacity];
        double[] n = new double[capacity];
        int bins = 0;
        double total = 0;
        long rank = 1;
        while (rank <= keys) {
            long width = Math.max(1, (long) Math.floor(rank * (BIN_GROWTH - 1)));
            long last = Math.min(keys, rank + width - 1);
            // Mean popularity over the bin, exact for width 1 and close otherwise.
            double sum = 0;
            if (last - rank < 8) {
                for (long i = rank; i <= last; i++) {
                    sum += Math.pow(i, -exponent);
                }
            } else {
                sum = integralOfPower(rank - 0.5, last + 0.5, exponent);
            }
            if (bins == capacity) {
                capacity *= 2;
                p = java.util.Arrays.copyOf(p, capacity);
                n = java.util.Arrays.copyOf(n, capacity);
            }
            double count = last - rank + 1;
            p[bins] = sum / count;
            n[bins] = count;
            total += sum;
            bins++;
            rank = last + 1;
        }
        for (int i = 0; i < bins; i++) {
            p[i] /= total;
        }
        return new CheApproximation(java.util.Arrays.copyOf(p, bins), java.util.Arrays.copyOf(n, bins));
    }

    private static double integralOfPower(double a, double b, double s) {
        if (Math.abs(s - 1) < 1e-12) {
            return Math.log(b / a);
        }
        return (Math.pow(b, 1 - s) - Math.pow(a, 1 - s)) / (1 - s);
    }

    /** The long-run hit ratio of an LRU cache holding {@code capacityKeys} keys. */
    public double hitRatio(double capacityKeys) {
        double keys = 0;
        for (double k : binKeys) {
            keys += k;
        }
        if (capacityKeys >= keys) {
            return 1.0;
        }
        if (capacityKeys <= 0) {
            return 0.0;
        }
        double t = characteristicTime(capacityKeys);
        double hit = 0;
        for (int i = 0; i < binProbability.length; i++) {
            double p = binProbability[i];
            hit += binKeys[i] * p * -Math.expm1(-p * t);
        }
        return hit;
    }

    /** Solves sum_i (1 - exp(-p_i T)) = C for T by bisection on log T. */
    double characteristicTime(double capacityKeys) {
        double lo = 1e-12;
        double hi = 1.0;
        while (occupancy(hi) < capacityKeys) {
            hi *= 2;
        }
        for (int i = 0; i < 200; i++) {
            double mid = Math.sqrt(lo * hi);
            if (occupancy(mid) < capacityKeys) {
                lo = mid;
            } else {
                hi = mid;
            }
            if (hi / lo < 1 + 1e-12) {
                break;
            }
        }
        return Math.sqrt(lo * hi);
    }

    private double occupancy(double t) {
        double sum = 0;
        for (int i = 0; i < binProbability.length; i++) {
            sum += binKeys[i] * -Math.expm1(-binProbability[i] * t);
        }
        return sum;
    }
}
