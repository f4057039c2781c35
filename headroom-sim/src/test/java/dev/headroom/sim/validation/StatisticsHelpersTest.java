package dev.headroom.sim.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statistics behind the validation suite, checked against published tables before use. */
class StatisticsHelpersTest {

    /** Two-sided Student t quantiles (NIST/SEMATECH e-Handbook, table 1.3.6.7.2, to 6 digits). */
    @ParameterizedTest(name = "t({0}, {1} df) = {2}")
    @CsvSource({
        "0.95, 1, 12.706205",
        "0.95, 4, 2.776445",
        "0.95, 30, 2.042272",
        "0.99, 4, 4.604095",
        "0.99, 9, 3.249836",
        "0.99, 19, 2.860935",
        "0.99, 100, 2.625891"
    })
    void studentT_matchesTheTables(double level, int df, double expected) {
        assertThat(StudentT.twoSidedQuantile(level, df)).isCloseTo(expected, within(2e-6));
    }

    @Test
    void confidenceInterval_isMeanPlusMinusTTimesStandardError() {
        ConfidenceInterval ci = ConfidenceInterval.of(new double[] {1, 2, 3, 4, 5}, 0.99);
        // s = sqrt(2.5), standard error s / sqrt(5) = sqrt(0.5), t(0.99, 4) = 4.604095.
        assertThat(ci.mean()).isEqualTo(3.0);
        assertThat(ci.halfWidth()).isCloseTo(4.604095 * Math.sqrt(0.5), within(1e-5));
        assertThat(ci.contains(6.25)).isTrue();
        assertThat(ci.contains(6.30)).isFalse();
    }

    /** Upper chi-square critical values (NIST/SEMATECH e-Handbook, table 1.3.6.7.4). */
    @ParameterizedTest(name = "P(chi2({1}) > {2}) = {0}")
    @CsvSource({"0.05, 1, 3.841", "0.001, 10, 29.588", "0.01, 100, 135.807", "0.05, 100, 124.342"})
    void chiSquareTail_matchesTheTables(double tail, int df, double critical) {
        // The tables give three decimals, so the tail is matched to what that rounding allows.
        assertThat(ChiSquare.upperTail(critical, df)).isCloseTo(tail, within(tail * 2e-3));
    }

    @Test
    void chiSquareWithTwoDegrees_isExponential() {
        for (double x : new double[] {0.1, 1, 5, 20}) {
            assertThat(ChiSquare.lowerTail(x, 2)).isCloseTo(1 - Math.exp(-x / 2), within(1e-13));
        }
    }

    @Test
    void chiSquareWithManyDegrees_isCentredOnItsMean() {
        // For k = 7200 the median is k (1 - 2/(9k))^3 by Wilson-Hilferty, very nearly k - 2/3.
        assertThat(ChiSquare.lowerTail(7200 - 2.0 / 3, 7200)).isCloseTo(0.5, within(1e-4));
    }

    /** Asymptotic Kolmogorov critical values: 1.358 / sqrt(n) at 5%, 1.628 / sqrt(n) at 1%. */
    @Test
    void kolmogorovSmirnovPValue_matchesTheAsymptoticCriticalValues() {
        int n = 1_000_000;
        assertThat(KolmogorovSmirnov.pValue(1.3581 / Math.sqrt(n), n)).isCloseTo(0.05, within(2e-4));
        assertThat(KolmogorovSmirnov.pValue(1.6276 / Math.sqrt(n), n)).isCloseTo(0.01, within(1e-4));
    }

    @Test
    void kolmogorovSmirnovStatistic_isTheLargestGapOfTheEmpiricalCdf() {
        // Against U(0, 1): the empirical CDF of {0.1, 0.2, 0.9} reaches 2/3 at 0.2, 0.467 above it.
        assertThat(KolmogorovSmirnov.statistic(new double[] {0.9, 0.1, 0.2}, x -> x))
                .isCloseTo(2.0 / 3 - 0.2, within(1e-12));
    }

    /** Erlang C: exact small cases, and the recursion against the textbook sum. */
    @Test
    void erlangC_matchesExactCasesAndTheDirectSum() {
        assertThat(QueueingFormulas.erlangC(1, 0.8)).isCloseTo(0.8, within(1e-12)); // M/M/1: C = rho
        assertThat(QueueingFormulas.erlangC(2, 1.0)).isCloseTo(1.0 / 3, within(1e-12)); // 2 rho^2 / (1 + rho)
        for (int c : new int[] {2, 4, 8, 16}) {
            double a = 0.9 * c;
            assertThat(QueueingFormulas.erlangC(c, a)).isCloseTo(erlangCBySum(c, a), within(1e-12));
        }
    }

    /** C = (a^c / c!) (c / (c - a)) / (sum_{k < c} a^k / k! + (a^c / c!) (c / (c - a))). */
    private static double erlangCBySum(int c, double a) {
        double term = 1;
        double sum = 0;
        for (int k = 0; k < c; k++) {
            sum += term;
            term *= a / (k + 1);
        }
        double last = term * c / (c - a);
        return last / (sum + last);
    }

    @Test
    void mmcResponseTail_reducesToMM1ForOneServer() {
        // With c = 1, theta = mu - lambda and C = rho: P(T > t) = e^(-(mu - lambda) t).
        for (double t : new double[] {0.001, 0.01, 0.05}) {
            assertThat(QueueingFormulas.mmcResponseTail(t, 1, 80, 100)).isCloseTo(Math.exp(-20 * t), within(1e-12));
        }
        assertThat(QueueingFormulas.mmcWaitProbabilityFromTail(Math.exp(-20 * 0.01), 0.01, 1, 80, 100))
                .isCloseTo(0.8, within(1e-12));
    }
}
