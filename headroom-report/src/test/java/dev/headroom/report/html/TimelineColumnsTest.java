package dev.headroom.report.html;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TimelineColumnsTest {

    /** Interval i (1 s): i arrivals, 2i completed, p99 = i ms, utilisation i/100, an unlimited balancer. */
    private static List<TimelineRecord> ramp(int n) {
        List<TimelineRecord> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LatencySummary l = new LatencySummary(2L * i, i / 2.0, i / 4.0, i / 2.0, i, i, i);
            out.add(new TimelineRecord(
                    i,
                    100,
                    i,
                    2L * i,
                    0,
                    i % 2 == 1 ? Map.of("timeout", 1L) : Map.of(),
                    i == 0 ? LatencySummary.EMPTY : l,
                    Map.of(
                            "web", new ComponentSample(i / 100.0, i, 0, i),
                            "lb", new ComponentSample(-1, i, 0, 0))));
        }
        return out;
    }

    @Test
    void shortTimeline_keepsEveryInterval_countsBecomeRates() {
        TimelineColumns c = TimelineColumns.of(ramp(10));
        assertThat(c.bucket()).isEqualTo(1);
        assertThat(c.t()).containsExactly(0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0);
        assertThat(c.completedPerSecond().get(3)).isEqualTo(6.0);
        assertThat(c.errorsPerSecond().get("timeout"))
                .containsExactly(0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0);
        // No completions in interval 0: no latency, a gap rather than a zero.
        assertThat(c.latencyMillis().get("p99").get(0)).isNull();
        assertThat(c.latencyMillis().get("p99").get(9)).isEqualTo(9.0);
        // The balancer has no capacity: its utilisation is absent, its in-use count is not.
        assertThat(c.components().get("lb").utilization()).containsOnlyNulls();
        assertThat(c.components().get("lb").inUse().get(4)).isEqualTo(4.0);
        assertThat(c.serviceMillis()).isEmpty();
    }

    @Test
    void longTimeline_isFoldedIntoBuckets_worstLatency_meanUtilisation_ratesOverTheBucket() {
        // 7 intervals into at most 3 points: buckets of 3 (0-2, 3-5, 6).
        TimelineColumns c = TimelineColumns.of(ramp(7), 3);
        assertThat(c.intervals()).isEqualTo(7);
        assertThat(c.bucket()).isEqualTo(3);
        assertThat(c.t()).containsExactly(0.0, 3.0, 6.0);
        assertThat(c.arrivalsPerSecond()).containsExactly(1.0, 4.0, 6.0); // (0+1+2)/3, (3+4+5)/3, 6/1
        assertThat(c.errorsPerSecond().get("timeout")).containsExactly(0.333333, 0.666667, 0.0);
        assertThat(c.latencyMillis().get("p99")).containsExactly(2.0, 5.0, 6.0);
        assertThat(c.components().get("web").utilization()).containsExactly(0.01, 0.04, 0.06);
        assertThat(c.components().get("web").maxWaiting()).containsExactly(2.0, 5.0, 6.0);
    }

    /** A journey run's intervals carry the request rate offered; a run of single requests has no such column. */
    @Test
    void journeyRun_hasTheOfferedRequestRate_besideTheJourneysStarted() {
        assertThat(TimelineColumns.of(ramp(4)).offeredRequestsPerSecond()).isNull();
        List<TimelineRecord> journeys = ramp(4).stream()
                .map(r -> new TimelineRecord(
                        r.t(),
                        r.offeredPerSecond(),
                        r.arrivals(),
                        r.completed(),
                        0,
                        r.errors(),
                        r.latencyMillis(),
                        r.components(),
                        null,
                        null,
                        null,
                        null,
                        3 * r.offeredPerSecond()))
                .toList();
        TimelineColumns c = TimelineColumns.of(journeys);
        assertThat(c.offeredPerSecond()).containsOnly(100.0);
        assertThat(c.offeredRequestsPerSecond()).containsExactly(300.0, 300.0, 300.0, 300.0);
    }

    @Test
    void eightyMinutesAtOneSecond_staysUnderTheChartBudget() {
        TimelineColumns c = TimelineColumns.of(ramp(4800));
        assertThat(c.t()).hasSizeLessThanOrEqualTo(TimelineColumns.MAX_POINTS);
        assertThat(c.bucket()).isEqualTo(3);
        assertThat(c.t()).hasSize(1600);
    }
}
