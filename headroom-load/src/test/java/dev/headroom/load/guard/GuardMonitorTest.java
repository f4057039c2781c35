package dev.headroom.load.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.load.stats.Histograms;
import dev.headroom.load.stats.Interval;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** Guards over sub-intervals fed by hand: the window keeps its written length, evaluated every sub-interval. */
class GuardMonitorTest {
    private static final double SUB = 0.2;

    private static Interval sub(int index, long latencyMicros, long completed, long errors) {
        Histogram latency = Histograms.create();
        latency.recordValueWithCount(latencyMicros, completed);
        return new Interval(
                index * SUB,
                SUB,
                completed + errors,
                completed,
                errors == 0 ? Map.of() : Map.of("http-500", errors),
                latency,
                Histograms.create(),
                Histograms.create(),
                Histograms.create(),
                new Histogram[] {latency},
                Histograms.create(),
                0,
                1,
                false,
                0);
    }

    @Test
    void aSlowSubInterval_tripsAtOnce_andLeavesTheWindowOnceItsLengthHasPassed() {
        GuardMonitor m = new GuardMonitor(List.of(RuleParser.guard("max > 500ms over 1s")));

        Optional<GuardMonitor.Trip> first = m.evaluate(sub(0, 900_000, 10, 0), SUB);
        assertThat(first).isPresent();
        assertThat(first.get().conditionSinceSeconds()).isEqualTo(0.0);
        assertThat(first.get().verdict().observed()).isCloseTo(900.0, within(1.0));
        // The slow one stays in the 1 s window for the next four sub-intervals (1 s in all) ...
        for (int i = 1; i <= 4; i++) {
            assertThat(m.evaluate(sub(i, 1_000, 10, 0), (i + 1) * SUB))
                    .as("sub %d", i)
                    .isPresent();
        }
        // ... and is subtracted when the fifth arrives: the window is 1 s, not a whole second more.
        assertThat(m.evaluate(sub(5, 1_000, 10, 0), 6 * SUB)).isEmpty();
        assertThat(m.untripped(6 * SUB).get(0).observed()).isCloseTo(1.0, within(0.01));
    }

    @Test
    void anErrorGuard_seesTheSubIntervalTheErrorsArriveIn_notTheEndOfTheSecond() {
        GuardMonitor m = new GuardMonitor(List.of(RuleParser.guard("errors > 10% over 5s")));
        for (int i = 0; i < 12; i++) {
            assertThat(m.evaluate(sub(i, 1_000, 100, 0), (i + 1) * SUB)).isEmpty();
        }
        // 1,200 good answers in the window, then 200 failures in one sub-interval: 14% of 1,400.
        Optional<GuardMonitor.Trip> trip = m.evaluate(sub(12, 1_000, 0, 200), 13 * SUB);
        assertThat(trip).isPresent();
        assertThat(trip.get().conditionSinceSeconds()).isCloseTo(12 * SUB, within(1e-9));
        assertThat(trip.get().verdict().observed()).isCloseTo(200.0 / 1400, within(0.001));
    }

    @Test
    void aThroughputGuard_waitsForAFullWindow() {
        GuardMonitor m = new GuardMonitor(List.of(RuleParser.guard("throughput < 100/s over 1s")));
        // 10 answers per 0.2 s is 50/s: below the floor, but not judged before 1 s of data.
        for (int i = 0; i < 4; i++) {
            assertThat(m.evaluate(sub(i, 1_000, 10, 0), (i + 1) * SUB)).isEmpty();
        }
        assertThat(m.evaluate(sub(4, 1_000, 10, 0), 5 * SUB)).isPresent();
    }
}
