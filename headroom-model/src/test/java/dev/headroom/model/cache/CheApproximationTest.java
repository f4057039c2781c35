package dev.headroom.model.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheApproximationTest {

    /**
     * Che's approximation against an LRU cache simulated key by key under Zipf requests: the issue
     * asks for agreement within 2% (absolute hit ratio). Fixed seed; the warm-up requests are not
     * counted so the cache starts from its steady state.
     */
    @ParameterizedTest(name = "zipf {1}, {0} keys, cache {2}")
    @CsvSource({"100000, 0.8, 5000", "100000, 1.0, 1000", "50000, 0.6, 10000", "100000, 1.2, 500"})
    void cheHitRatio_matchesASimulatedLruWithinTwoPercent(int keys, double exponent, int capacity) {
        double che = CheApproximation.zipf(keys, exponent).hitRatio(capacity);
        double lru = simulateLru(keys, exponent, capacity, 400_000, 1_600_000, 42);
        assertThat(che).isCloseTo(lru, within(0.02));
    }

    @Test
    void uniformPopularity_hitRatioIsTheCachedShare() {
        // With equal popularity every key is equally likely to be cached: hit = C / N.
        assertThat(CheApproximation.zipf(10_000, 0).hitRatio(2_500)).isCloseTo(0.25, within(0.002));
    }

    @Test
    void cacheAsLargeAsThePopulation_hitsAlways_andEmptyCacheNever() {
        CheApproximation che = CheApproximation.zipf(1_000, 0.9);
        assertThat(che.hitRatio(1_000)).isEqualTo(1.0);
        assertThat(che.hitRatio(0)).isEqualTo(0.0);
    }

    @Test
    void halvingTheCache_lowersTheHitRatio_andHugePopulationsAreCheap() {
        CheApproximation che = CheApproximation.zipf(100_000_000L, 0.9);
        double full = che.hitRatio(2_000_000);
        double half = che.hitRatio(1_000_000);
        assertThat(half).isLessThan(full);
        assertThat(full).isBetween(0.5, 1.0);
    }

    private static double simulateLru(int keys, double s, int capacity, int warmup, int measured, long seed) {
        double[] cdf = new double[keys];
        double sum = 0;
        for (int i = 0; i < keys; i++) {
            sum += Math.pow(i + 1, -s);
            cdf[i] = sum;
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, Boolean> lru = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, Boolean> eldest) {
                return size() > capacity;
            }
        };
        long hits = 0;
        for (int r = 0; r < warmup + measured; r++) {
            double u = random.nextDouble() * sum;
            int lo = 0;
            int hi = keys - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            boolean hit = lru.get(lo) != null;
            if (!hit) {
                lru.put(lo, Boolean.TRUE);
            }
            if (r >= warmup && hit) {
                hits++;
            }
        }
        return (double) hits / measured;
    }
}
