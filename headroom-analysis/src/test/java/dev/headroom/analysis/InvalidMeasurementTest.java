package dev.headroom.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.TimelineRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A measurement whose generator's own lag broke the lag limit is invalid, whatever its goals; a
 * large backpressure wait with the lag limit held is not.
 */
class InvalidMeasurementTest {
    private static final LatencySummary L = SyntheticRun.latency(10, 5);

    private static RunData measured(boolean lagLimitHeld, LatencySummary wait) {
        RunData base = MeasuredRunTest.measured();
        Measurement m = new Measurement(
                "completed",
                "2026-11-23T00:00:00Z",
                60,
                List.of("http://127.0.0.1:8080"),
                "X-Headroom-Run",
                "measured",
                "open",
                "nio",
                1,
                L,
                L,
                List.of(new Measurement.Verdict(
                        Measurement.Verdict.LAG_LIMIT,
                        "lag.p99 <= 50.0ms",
                        lagLimitHeld,
                        lagLimitHeld ? 3.5 : 1073.0,
                        "ms",
                        60)),
                null,
                Map.of(),
                wait);
        Run run = new Run(
                base.run().metadata(), base.run().summary(), m, base.run().goals());
        // Steps of 100, 200 and 300/s: the goal (p99 300 ms) breaks at the last, so a valid run has a
        // measured headroom.
        List<TimelineRecord> steps = new java.util.ArrayList<>();
        for (int t = 0; t < 60; t++) {
            double offered = 100 * (1 + t / 20);
            steps.add(new TimelineRecord(
                    t,
                    offered,
                    (long) offered,
                    (long) offered,
                    0,
                    Map.of(),
                    SyntheticRun.latency((long) offered, t >= 40 ? 900 : 60),
                    Map.of()));
        }
        return RunData.of(run, steps, List.of());
    }

    @Test
    void lagLimitBroken_isInvalid_withTheReason_andNoHeadroom() {
        Findings valid = Analysis.analyse(measured(true, null));
        Findings f = Analysis.analyse(measured(false, null));

        assertThat(valid.verdict().outcome()).isIn(Verdict.MET, Verdict.BROKEN);
        assertThat(f.verdict().outcome()).isEqualTo(Verdict.INVALID);
        // The goals are the same run's: only the generator's lag differs.
        assertThat(f.verdict().goals()).isEqualTo(valid.verdict().goals());
        assertThat(valid.headroom()).isNotNull();
        assertThat(f.headroom()).isNull();
        assertThat(f.findings())
                .filteredOn(x -> x.kind().equals(Measurement.Verdict.LAG_LIMIT))
                .singleElement()
                .satisfies(x -> assertThat(x.what())
                        .isEqualTo("the generator's own lag p99 1073 ms broke lag.p99 <= 50.0ms: its delay is in"
                                + " every latency"));
    }

    @Test
    void backpressureWaitWithTheLagLimitHeld_isNotInvalid() {
        LatencySummary longWait = SyntheticRun.latency(2_000, 500);
        Findings f = Analysis.analyse(measured(true, longWait));

        assertThat(f.verdict().outcome()).isNotEqualTo(Verdict.INVALID);
        assertThat(f.findings()).noneMatch(x -> x.kind().equals(Measurement.Verdict.LAG_LIMIT));
    }
}
