package dev.headroom.model.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Each shape's rate at key times, its length, its rate bound and its integral against hand-computed values. */
class ShapesTest {

    private static final double EXACT = 1e-9;

    @Test
    void constant_holdsItsRateForItsDuration() {
        Constant c = new Constant(100, 60);

        assertThat(c.rateAt(0)).isEqualTo(100);
        assertThat(c.rateAt(59.9)).isEqualTo(100);
        assertThat(c.durationSeconds()).isEqualTo(60);
        assertThat(c.maxRate(10, 20)).isEqualTo(100);
        assertThat(Profile.of(c).expectedArrivals(0, 60)).isCloseTo(6_000, within(EXACT));
        assertThat(Profile.of(c).expectedArrivals(10, 20)).isCloseTo(1_000, within(EXACT));
    }

    @Test
    void ramp_changesLinearlyAndItsArrivalsAreTheTrapezoid() {
        Ramp r = new Ramp(100, 300, 60);

        assertThat(r.rateAt(0)).isEqualTo(100);
        assertThat(r.rateAt(30)).isCloseTo(200, within(EXACT));
        assertThat(r.rateAt(45)).isCloseTo(250, within(EXACT));
        assertThat(r.durationSeconds()).isEqualTo(60);
        assertThat(r.maxRate(0, 30)).isCloseTo(200, within(EXACT));
        assertThat(r.maxRate(15, 60)).isCloseTo(300, within(EXACT));
        // (from + to) / 2 * duration
        assertThat(Profile.of(r).expectedArrivals(0, 60)).isCloseTo(12_000, within(1e-6));
        assertThat(Profile.of(r).expectedArrivals(0, 30)).isCloseTo(4_500, within(1e-6));
    }

    @Test
    void ramp_downwards_isBoundedByItsStart() {
        Ramp r = new Ramp(500, 100, 40);

        assertThat(r.rateAt(20)).isCloseTo(300, within(EXACT));
        assertThat(r.maxRate(10, 30)).isCloseTo(400, within(EXACT));
        assertThat(Profile.of(r).expectedArrivals(0, 40)).isCloseTo(12_000, within(1e-6));
    }

    @Test
    void steps_holdEachRateForItsOwnDuration() {
        Steps s = new Steps(List.of(new Steps.Step(100, 10), new Steps.Step(200, 10), new Steps.Step(400, 10)));

        assertThat(s.rateAt(5)).isEqualTo(100);
        assertThat(s.rateAt(10)).isEqualTo(200);
        assertThat(s.rateAt(25)).isEqualTo(400);
        assertThat(s.durationSeconds()).isEqualTo(30);
        assertThat(s.maxRate(0, 9.9)).isEqualTo(100);
        assertThat(s.maxRate(5, 15)).isEqualTo(200);
        assertThat(s.maxRate(0, 30)).isEqualTo(400);
        assertThat(Profile.of(s).expectedArrivals(0, 30)).isCloseTo(1_000 + 2_000 + 4_000, within(EXACT));
        assertThat(Profile.of(s).expectedArrivals(5, 15)).isCloseTo(500 + 1_000, within(EXACT));
    }

    @Test
    void spike_risesHoldsThePeakAndDecaysBackToBase() {
        Spike s = spike();

        assertThat(s.durationSeconds()).isEqualTo(150);
        assertThat(s.rateAt(5)).isEqualTo(100);
        assertThat(s.rateAt(20)).isCloseTo(550, within(EXACT));
        assertThat(s.rateAt(30)).isEqualTo(1_000);
        assertThat(s.rateAt(45)).isEqualTo(1_000);
        assertThat(s.rateAt(80)).isCloseTo(550, within(EXACT));
        assertThat(s.rateAt(120)).isEqualTo(100);
        assertThat(s.maxRate(0, 20)).isCloseTo(550, within(EXACT));
        assertThat(s.maxRate(25, 35)).isEqualTo(1_000);
        assertThat(s.maxRate(70, 150)).isCloseTo(1_000 - 900 * 0.25, within(EXACT));
    }

    @Test
    void spike_arrivalsAreTheBaseAreaPlusTheTrapezoidAboveIt() {
        // base * duration + (peak - base) * (rise / 2 + hold + decay / 2)
        double expected = 100 * 150 + 900 * (20 / 2.0 + 30 + 40 / 2.0);

        assertThat(Profile.of(spike()).expectedArrivals(0, 150)).isCloseTo(expected, within(expected * 1e-5));
        assertThat(Profile.of(spike()).expectedArrivals(30, 60)).isCloseTo(30_000, within(30_000 * 1e-5));
    }

    @Test
    void daily_peaksAtItsTimeAndIsAtHalfHeightHalfAWidthAway() {
        Daily d = new Daily(100, List.of(new Daily.Peak("lunch", 1_000, 12 * 3600, 2 * 3600)), 0, 86_400);

        assertThat(d.durationSeconds()).isEqualTo(86_400);
        assertThat(d.rateAt(12 * 3600)).isCloseTo(1_000, within(EXACT));
        assertThat(d.rateAt(13 * 3600)).isCloseTo(550, within(1e-6));
        assertThat(d.rateAt(11 * 3600)).isCloseTo(550, within(1e-6));
        assertThat(d.rateAt(0)).isCloseTo(100, within(1e-6));
        assertThat(d.maxRate(0, 86_400)).isCloseTo(1_000, within(EXACT));
        assertThat(d.maxRate(0, 11 * 3600)).isCloseTo(550, within(1e-6));
    }

    @Test
    void daily_peakAreaIsTheGaussianIntegral() {
        double sigma = 1_800 / Daily.FWHM_PER_SIGMA;
        double peakArea = (1_000 - 100) * sigma * Math.sqrt(2 * Math.PI);
        // Ten o'clock to two, a 30-minute-wide peak at noon: the window spans about +-9 sigma.
        Daily d = new Daily(100, List.of(new Daily.Peak("lunch", 1_000, 12 * 3600, 1_800)), 10 * 3600, 4 * 3600);

        double expected = 100 * 4 * 3600 + peakArea;
        assertThat(Profile.of(d).expectedArrivals(0, 4 * 3600)).isCloseTo(expected, within(expected * 1e-6));
    }

    @Test
    void daily_overAWholeDay_addsEachPeaksAreaToTheBase() {
        Daily.Peak lunch = new Daily.Peak("lunch", 800, 12.5 * 3600, 5_400);
        Daily.Peak dinner = new Daily.Peak("dinner", 1_200, 19.5 * 3600, 7_200);
        Daily d = new Daily(200, List.of(lunch, dinner), 0, 86_400);

        double area = (800 - 200) * (5_400 / Daily.FWHM_PER_SIGMA) * Math.sqrt(2 * Math.PI)
                + (1_200 - 200) * (7_200 / Daily.FWHM_PER_SIGMA) * Math.sqrt(2 * Math.PI);
        double expected = 200 * 86_400 + area;
        assertThat(Profile.of(d).expectedArrivals(0, 86_400)).isCloseTo(expected, within(expected * 1e-6));
    }

    @Test
    void daily_peakNearMidnightWrapsIntoTheNextDay() {
        double sigma = 3600 / Daily.FWHM_PER_SIGMA;
        Daily d = new Daily(100, List.of(new Daily.Peak("late", 500, 23.5 * 3600, 3600)), 0, 86_400);

        double fortyMinutes = 40 * 60;
        double expected = 100 + 400 * Math.exp(-fortyMinutes * fortyMinutes / (2 * sigma * sigma));
        assertThat(d.rateAt(10 * 60)).isCloseTo(expected, within(1e-9));
        assertThat(d.maxRate(0, 600))
                .isCloseTo(100 + 400 * Math.exp(-1800.0 * 1800 / (2 * sigma * sigma)), within(1e-9));
    }

    @Test
    void daily_withADipBelowTheBase_isStillBoundedByMaxRate() {
        Daily d = new Daily(100, List.of(new Daily.Peak("night", 20, 3 * 3600, 3600)), 0, 86_400);

        assertThat(d.rateAt(3 * 3600)).isCloseTo(20, within(1e-9));
        assertThat(d.maxRate(0, 3 * 3600)).isGreaterThanOrEqualTo(d.rateAt(0));
    }

    @Test
    void replay_interpolatesBetweenRecordedPoints() {
        Replay r = new Replay(
                "dinner.csv", List.of(new Replay.Point(0, 100), new Replay.Point(60, 200), new Replay.Point(120, 50)));

        assertThat(r.durationSeconds()).isEqualTo(120);
        assertThat(r.rateAt(30)).isCloseTo(150, within(EXACT));
        assertThat(r.rateAt(90)).isCloseTo(125, within(EXACT));
        assertThat(r.maxRate(30, 90)).isEqualTo(200);
        assertThat(r.maxRate(70, 110)).isCloseTo(200 - 150 / 6.0, within(EXACT));
        assertThat(Profile.of(r).expectedArrivals(0, 120)).isCloseTo(9_000 + 7_500, within(1e-6));
    }

    @Test
    void replay_beforeItsFirstPoint_holdsTheFirstRate() {
        Replay r = new Replay("late.csv", List.of(new Replay.Point(10, 40), new Replay.Point(20, 80)));

        assertThat(r.rateAt(5)).isEqualTo(40);
        assertThat(r.maxRate(0, 5)).isEqualTo(40);
    }

    private static Spike spike() {
        return new Spike(100, 1_000, 10, 20, 30, 40, 50);
    }
}
