package dev.headroom.analysis.usl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StepSplitterTest {

    @Test
    void stepsRun_groupsPlateaus_dropsEachTransient_andAppliesLittlesLaw() {
        List<TimelineRecord> timeline = new ArrayList<>();
        double t = 0;
        // Four 10 s steps. In each step's first two seconds the queue settles (slow responses).
        for (double rate : new double[] {50, 100, 200, 400}) {
            for (int i = 0; i < 10; i++) {
                double mean = i < 2 ? 500 : 20 + rate / 10;
                timeline.add(record(t++, rate, (long) rate, mean));
            }
        }
        timeline.add(record(t++, 0, 3, 30)); // draining after the profile: not a level of load

        List<LoadStep> steps = StepSplitter.defaults().split(timeline);

        assertThat(steps).hasSize(4);
        LoadStep third = steps.get(2);
        assertThat(third.startSeconds()).isEqualTo(22.0);
        assertThat(third.endSeconds()).isEqualTo(30.0);
        assertThat(third.offeredPerSecond()).isEqualTo(200.0);
        assertThat(third.completed()).isEqualTo(1600);
        assertThat(third.throughputPerSecond()).isEqualTo(200.0);
        assertThat(third.meanResponseMillis()).isEqualTo(40.0);
        // Little's law: 200/s x 40 ms = 8 in the system.
        assertThat(third.concurrency()).isCloseTo(8.0, within(1e-9));
    }

    @Test
    void rampRun_isCutIntoWindows() {
        List<TimelineRecord> timeline = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double rate = 10 + 5 * i;
            timeline.add(record(i, rate, (long) rate, 10));
        }

        StepSplitter splitter = StepSplitter.defaults();
        List<LoadStep> windows = splitter.split(timeline);

        assertThat(splitter.hasSteps(timeline)).isFalse();
        assertThat(windows).hasSize(6);
        // The first window: rates 10..55, mean 32.5; every second counted (no transient in a ramp).
        assertThat(windows.get(0).offeredPerSecond()).isEqualTo(32.5);
        assertThat(windows.get(0).completed()).isEqualTo(325);
        assertThat(windows.get(0).concurrency()).isCloseTo(0.325, within(1e-9));
    }

    @Test
    void serviceTime_isPreferredOverLatency_whenTheRunHasIt() {
        List<TimelineRecord> timeline = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            LatencySummary latency = new LatencySummary(100, 50, 50, 50, 50, 50, 50);
            LatencySummary service = new LatencySummary(100, 10, 10, 10, 10, 10, 10);
            timeline.add(new TimelineRecord(i, 100, 100, 100, 0, Map.of(), latency, Map.of(), service, null, null));
        }
        LoadStep only = StepSplitter.defaults().split(timeline).get(0);
        assertThat(only.meanResponseMillis()).isEqualTo(10.0);
    }

    @Test
    void usl_fromASyntheticStepRun_recoversTheModel() {
        UslModel truth = new UslModel(0.03, 0.001, 200);
        List<TimelineRecord> timeline = new ArrayList<>();
        double t = 0;
        for (int n = 1; n <= 50; n += 7) {
            double x = truth.throughputAt(n);
            double meanMillis = n / x * 1000;
            // Each step offers more than the last (near the peak, throughput barely moves).
            double offered = 100.0 * n;
            for (int i = 0; i < 10; i++) {
                timeline.add(record(t++, offered, Math.round(x), meanMillis));
            }
        }

        UslReport report = UslAnalysis.of("synthetic", timeline, StepSplitter.defaults());

        assertThat(report.grouping()).isEqualTo("steps");
        assertThat(report.points()).hasSize(8);
        // Completions are whole numbers per second: the only noise is that rounding.
        assertThat(report.sigma()).isCloseTo(0.03, withinPercentage(3));
        assertThat(report.kappa()).isCloseTo(0.001, withinPercentage(3));
        assertThat(report.lambda()).isCloseTo(200, withinPercentage(1));
        assertThat(report.peakConcurrency()).isCloseTo(truth.peakConcurrency(), withinPercentage(2));
        assertThat(report.points().get(3).fittedPerSecond())
                .isCloseTo(report.points().get(3).throughputPerSecond(), withinPercentage(1));
        assertThat(report.curve()).hasSize(UslAnalysis.CURVE_POINTS);
    }

    @Test
    void tooFewSteps_isRefusedWithTheReasonAndTheFix() {
        List<TimelineRecord> timeline = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            timeline.add(record(i, i < 10 ? 100 : 200, i < 10 ? 100 : 200, 10));
        }
        assertThatThrownBy(() -> UslAnalysis.of("two", timeline, StepSplitter.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 levels of load")
                .hasMessageContaining("needs at least 3")
                .hasMessageContaining("more steps");
    }

    static TimelineRecord record(double t, double offered, long completed, double meanMillis) {
        LatencySummary latency =
                new LatencySummary(completed, meanMillis, meanMillis, meanMillis, meanMillis, meanMillis, meanMillis);
        return new TimelineRecord(t, offered, completed, completed, 0, Map.of(), latency, Map.of());
    }
}
