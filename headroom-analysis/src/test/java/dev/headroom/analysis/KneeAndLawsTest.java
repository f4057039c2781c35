package dev.headroom.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class KneeAndLawsTest {
    @Test
    void stepRun_kneeIsTheFirstStepThroughputCannotFollow() {
        Findings f = Analysis.analyse(SyntheticRun.steps());

        // 300/s is followed (p99 80 ms, under twice 50 ms); 400/s gets 320/s and a p99 of 400 ms.
        assertThat(f.knee().offeredPerSecond()).isEqualTo(400.0);
        assertThat(f.knee().throughputPerSecond()).isEqualTo(320.0);
        assertThat(f.knee().t()).isEqualTo(60.0);
    }

    /**
     * A measured run's first interval can last longer (the generator warming up while the machine
     * is busy): the interval is the median gap, so the knee does not move.
     */
    @Test
    void stepRun_aLongFirstInterval_doesNotMoveTheKnee() {
        RunData even = SyntheticRun.steps();
        List<TimelineRecord> shifted = new ArrayList<>();
        for (TimelineRecord r : even.timeline()) {
            shifted.add(new TimelineRecord(
                    r.t() == 0 ? 0 : r.t() + 1.457,
                    r.offeredPerSecond(),
                    r.arrivals(),
                    r.completed(),
                    r.retries(),
                    r.errors(),
                    r.latencyMillis(),
                    r.components()));
        }
        RunData late = RunData.of(even.run(), shifted, List.of());

        assertThat(late.intervalSeconds()).isEqualTo(1.0);
        assertThat(Analysis.analyse(late).knee().offeredPerSecond()).isEqualTo(400.0);
        assertThat(Analysis.analyse(late).knee().throughputPerSecond()).isEqualTo(320.0);
    }

    /**
     * A journey run: the profile offers journeys of 4 requests each, throughput counts requests.
     * At 400 journeys/s (1,600 requests/s) the target completes 1,250 requests/s: far more than the
     * 400 arrivals, far short of the requests they ask for. The knee is there, by throughput alone
     * (p99 stays flat), and is reported in the profile's unit.
     */
    @Test
    void journeyStepRun_throughputIsComparedWithTheRequestsTheJourneysAskFor() {
        List<TimelineRecord> timeline = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            double journeys = 100 * (t / 20 + 1);
            double requests = 4 * journeys;
            long done = (long) Math.min(requests, 1250);
            timeline.add(new TimelineRecord(
                    t,
                    journeys,
                    (long) journeys,
                    done,
                    0,
                    Map.of(),
                    SyntheticRun.latency(done, 50),
                    Map.of(),
                    null,
                    null,
                    null,
                    null,
                    requests));
        }
        Run run = new Run(
                SyntheticRun.metadata("journeys", 100, 500), SyntheticRun.summary(100, 120_000, 100_000, 50, Map.of()));
        Knee knee = Analysis.analyse(RunData.of(run, timeline, List.of())).knee();

        assertThat(knee).isNotNull();
        assertThat(knee.offeredPerSecond()).isEqualTo(400.0);
        assertThat(knee.throughputPerSecond()).isEqualTo(1250.0);
        assertThat(knee.summary())
                .contains("throughput 1250/s falls short of 1600/s offered (requests of the journeys)");

        // The same run read as if throughput were in the profile's unit would find no knee at all.
        List<TimelineRecord> unitsMixed = timeline.stream()
                .map(r -> new TimelineRecord(
                        r.t(),
                        r.offeredPerSecond(),
                        r.arrivals(),
                        r.completed(),
                        0,
                        Map.of(),
                        r.latencyMillis(),
                        Map.of()))
                .toList();
        assertThat(Analysis.analyse(RunData.of(run, unitsMixed, List.of())).knee())
                .isNull();
    }

    @Test
    void stepRun_headroomIsTheLastStepThatHeldTheGoalOverThePeak() {
        Findings f = Analysis.analyse(SyntheticRun.steps());

        // The p99 goal of 200 ms breaks at 60 s, the first second of the 400/s step.
        assertThat(f.verdict().firstBreachT()).isEqualTo(60.0);
        Headroom h = f.headroom();
        assertThat(h.method()).isEqualTo("measured");
        assertThat(h.sustainedRatePerSecond()).isEqualTo(300.0);
        assertThat(h.ratio()).isEqualTo(0.6);
        assertThat(h.bounded()).isTrue();
    }

    @Test
    void constantRate_hasNoKnee() {
        assertThat(Analysis.analyse(SyntheticRun.creditsChain()).knee()).isNull();
    }

    @Test
    void utilisationLaw_demandsAndThroughputBound_fromHandComputedFigures() {
        Map<String, ComponentSummary> c = new TreeMap<>();
        // X = 100/s. cpu: 2 cores 60% busy -> D = 0.6 * 2 / 100 = 12 ms, bound 2 / 0.012 = 166.7/s.
        c.put("app.cpu", new ComponentSummary("cpu", 2, 0.6, 1.2, 0.3, 3, 10_000, 100, 15));
        // disk: one server 80% busy -> D = 8 ms, bound 125/s: the bottleneck by the laws.
        // Little: N = 0.8 + 3.2 = 4 present, X R = 100 * 0.020 = 2: does not hold.
        c.put("db.disk", new ComponentSummary("disk", 1, 0.8, 0.8, 3.2, 9, 10_000, 100, 20));
        Run run = new Run(SyntheticRun.metadata("laws", 100, 100), SyntheticRun.summary(100, 10_000, 10_000, 50, c));
        OperationalLaws laws =
                Analysis.analyse(RunData.of(run, List.of(), List.of())).laws();

        assertThat(laws.demands()).hasSize(2);
        assertThat(laws.demands().get(0).demandMillis()).isCloseTo(12.0, within(1e-9));
        assertThat(laws.demands().get(0).boundPerSecond()).isCloseTo(166.667, within(1e-3));
        assertThat(laws.demands().get(1).demandMillis()).isCloseTo(8.0, within(1e-9));
        assertThat(laws.boundBy()).isEqualTo("db.disk");
        assertThat(laws.throughputBoundPerSecond()).isCloseTo(125.0, within(1e-9));
        // cpu: N = 1.5, X R = 100 * 0.015 = 1.5: holds.
        assertThat(laws.little().get(0).holds()).isTrue();
        assertThat(laws.little().get(0).relativeError()).isCloseTo(0.0, within(1e-9));
        assertThat(laws.little().get(1).holds()).isFalse();
        assertThat(laws.little().get(1).relativeError()).isCloseTo(0.5, within(1e-9));
        assertThat(Analysis.analyse(RunData.of(run, List.of(), List.of())).findings())
                .anyMatch(x -> x.kind().equals("littles-law") && x.component().equals("db.disk"));
    }
}
