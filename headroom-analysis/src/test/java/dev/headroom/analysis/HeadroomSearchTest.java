package dev.headroom.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class HeadroomSearchTest {
    private static HeadroomSearch.ScaledRun holdsUpTo(double limit, AtomicInteger calls) {
        return s -> {
            calls.incrementAndGet();
            return new HeadroomSearch.Outcome(s <= limit, s <= limit ? null : "p99");
        };
    }

    @Test
    void findsTheLargestScaleThatHolds_withinThePrecision_fromBelow() {
        AtomicInteger calls = new AtomicInteger();
        Headroom h = new HeadroomSearch(holdsUpTo(0.734, calls), 0.01, 2).run(1000);

        assertThat(h.ratio()).isLessThanOrEqualTo(0.734).isGreaterThan(0.734 * 0.99);
        assertThat(h.sustainedRatePerSecond()).isCloseTo(734, within(7.4));
        assertThat(h.peakRatePerSecond()).isEqualTo(1000.0);
        assertThat(h.bounded()).isTrue();
        assertThat(h.probes()).hasSize(calls.get());
        assertThat(h.summary()).startsWith("headroom 0.73x: fails at 73.");
    }

    @Test
    void aboveThePeak_bracketsByDoubling() {
        Headroom h = new HeadroomSearch(holdsUpTo(2.5, new AtomicInteger()), 0.01, 1).run(100);

        assertThat(h.ratio()).isLessThanOrEqualTo(2.5).isGreaterThan(2.5 * 0.99);
    }

    @Test
    void theScalesTried_doNotDependOnTheNumberOfThreads() {
        Headroom one = new HeadroomSearch(holdsUpTo(0.41, new AtomicInteger()), 0.01, 1).run(100);
        Headroom four = new HeadroomSearch(holdsUpTo(0.41, new AtomicInteger()), 0.01, 4).run(100);

        assertThat(four).isEqualTo(one);
    }

    @Test
    void holdingAtTheTopScale_isALowerBound_andFailingAtTheBottom_isNoHeadroom() {
        Headroom always = new HeadroomSearch(holdsUpTo(1e9, new AtomicInteger()), 0.01, 1).run(100);
        assertThat(always.ratio()).isEqualTo(HeadroomSearch.MAX_SCALE);
        assertThat(always.bounded()).isFalse();

        Headroom never = new HeadroomSearch(holdsUpTo(0, new AtomicInteger()), 0.01, 1).run(100);
        assertThat(never.ratio()).isEqualTo(0.0);
        assertThat(never.summary()).startsWith("no headroom");
    }
}
