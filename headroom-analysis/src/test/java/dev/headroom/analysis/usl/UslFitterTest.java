package dev.headroom.analysis.usl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UslFitterTest {

    /**
     * Baron Schwartz, "Practical Scalability Analysis with the Universal Scalability Law"
     * (VividCortex, 2015): the Cisco benchmark's 32 points and the book's coefficients.
     */
    @Test
    void ciscoReference_reproducesTheBooksCoefficientsWithinOneTenthOfAPercent() throws IOException {
        UslFit fit = UslFitter.fit(readReference());

        assertThat(fit.points()).isEqualTo(32);
        assertThat(fit.model().sigma()).isCloseTo(0.02671591, withinPercentage(0.1));
        assertThat(fit.model().kappa()).isCloseTo(7.690945e-4, withinPercentage(0.1));
        assertThat(fit.model().lambda()).isCloseTo(995.6486, withinPercentage(0.1));
        assertThat(fit.amdahlOnly()).isFalse();
        // The book: peak at concurrency 35 (sqrt((1 - sigma) / kappa) = 35.57, a whole number of
        // clients), peak throughput 12,341.
        assertThat(Math.floor(fit.model().peakConcurrency())).isEqualTo(35.0);
        assertThat(fit.model().throughputAt(35)).isCloseTo(12341, withinPercentage(0.1));
        assertThat(fit.rSquared()).isGreaterThan(0.99);
        assertThat(fit.warnings()).isEmpty();
    }

    @Test
    void syntheticData_fromKnownParametersWithSeededNoise_recoversThem() {
        UslModel truth = new UslModel(0.05, 0.002, 120);
        Random random = new Random(20260101);
        List<UslPoint> points = new ArrayList<>();
        for (int n = 1; n <= 40; n += 3) {
            double noise = 1 + 0.01 * random.nextGaussian();
            points.add(new UslPoint(n, truth.throughputAt(n) * noise));
        }

        UslFit fit = UslFitter.fit(points);

        // 1% noise on 14 points: the coefficients within a few standard errors of the truth.
        assertThat(fit.model().sigma()).isCloseTo(0.05, within(4 * fit.sigmaError()));
        assertThat(fit.model().kappa()).isCloseTo(0.002, within(4 * fit.kappaError()));
        assertThat(fit.model().lambda()).isCloseTo(120, withinPercentage(2));
        assertThat(fit.model().peakConcurrency()).isCloseTo(truth.peakConcurrency(), withinPercentage(10));
        assertThat(fit.amdahlOnly()).isFalse();
        assertThat(fit.warnings()).isEmpty();
    }

    @Test
    void linearData_warnsNoCurvature_andReportsAmdahlOnly() {
        List<UslPoint> points = new ArrayList<>();
        Random random = new Random(7);
        for (int n = 1; n <= 8; n++) {
            points.add(new UslPoint(n, 50.0 * n * (1 + 0.002 * random.nextGaussian())));
        }

        UslFit fit = UslFitter.fit(points);

        assertThat(fit.amdahlOnly()).isTrue();
        assertThat(fit.model().kappa()).isZero();
        assertThat(fit.model().peakConcurrency()).isInfinite();
        assertThat(fit.warnings()).anyMatch(w -> w.startsWith("no curvature"));
        assertThat(fit.model().lambda()).isCloseTo(50, withinPercentage(1));
    }

    @Test
    void amdahlData_levelsOffWithoutPeak_isReportedAsAmdahlOnly() {
        UslModel amdahl = new UslModel(0.1, 0, 100);
        List<UslPoint> points = new ArrayList<>();
        for (int n = 1; n <= 64; n *= 2) {
            points.add(new UslPoint(n, amdahl.throughputAt(n)));
        }
        points.add(new UslPoint(100, amdahl.throughputAt(100)));

        UslFit fit = UslFitter.fit(points);

        assertThat(fit.amdahlOnly()).isTrue();
        assertThat(fit.model().sigma()).isCloseTo(0.1, withinPercentage(0.1));
        assertThat(fit.model().peakThroughput()).isCloseTo(1000, withinPercentage(0.1));
    }

    @Test
    void fewLevels_fitWithAWarning_andTwoLevelsAreRefused() {
        UslModel truth = new UslModel(0.05, 0.01, 100);
        List<UslPoint> four = List.of(
                new UslPoint(1, truth.throughputAt(1)),
                new UslPoint(5, truth.throughputAt(5)),
                new UslPoint(10, truth.throughputAt(10)),
                new UslPoint(20, truth.throughputAt(20)));
        assertThat(UslFitter.fit(four).warnings()).anyMatch(w -> w.startsWith("only 4 distinct concurrency levels"));

        List<UslPoint> two = List.of(new UslPoint(1, 100), new UslPoint(1.01, 101), new UslPoint(5, 400));
        assertThatThrownBy(() -> UslFitter.fit(two))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs at least 3 distinct concurrency levels; the data have 2");
    }

    @Test
    void peak_isWhereTheDerivativeVanishes() {
        UslModel m = new UslModel(0.02671591, 7.690945e-4, 995.6486);
        double peak = m.peakConcurrency();
        assertThat(m.throughputAt(peak)).isGreaterThan(m.throughputAt(peak - 0.5));
        assertThat(m.throughputAt(peak)).isGreaterThan(m.throughputAt(peak + 0.5));
    }

    /** The reference CSV lives beside the repository, in {@code ../shared/reference/}. */
    static List<UslPoint> readReference() throws IOException {
        Path csv = ReferenceData.find("usl-cisco.csv");
        List<UslPoint> points = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("concurrency")) {
                continue;
            }
            String[] f = line.split(",");
            points.add(new UslPoint(Double.parseDouble(f[0].strip()), Double.parseDouble(f[1].strip())));
        }
        return points;
    }
}
