package dev.headroom.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MeasuredRunTest {
    /**
     * A measurement at 200/s for 60 s whose target reports its pool's waiters and its CPU
     * utilisation in percent: the CPU is pegged from 20 s, waiters pile up from 25 s, the load
     * generator's connections are never all open, and the p99 breaks its 300 ms goal at 30 s.
     */
    static RunData measured() {
        List<TimelineRecord> timeline = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            Map<String, Double> scraped = new TreeMap<>();
            scraped.put("app_cpu_utilization_percent", t >= 20 ? 99.0 : 40.0);
            scraped.put("db_pool_waiting", t >= 25 ? 4.0 * (t - 23) : 0.2);
            scraped.put("http_requests_total", 200.0 * t);
            long done = t >= 30 ? 150 : 200;
            timeline.add(new TimelineRecord(
                    t,
                    200,
                    200,
                    done,
                    0,
                    Map.of(),
                    SyntheticRun.latency(done, t >= 30 ? 900 : 60),
                    Map.of("client.connections", new ComponentSample(0.1, 10, 0, 0)),
                    SyntheticRun.latency(done, 50),
                    SyntheticRun.latency(200, 1),
                    scraped));
        }
        Run run = new Run(
                        SyntheticRun.metadata("measurement", "measured", 60, 200),
                        SyntheticRun.summary(60, 12000, 10500, 900, Map.of()))
                .withGoals(SyntheticRun.p99(300));
        return RunData.of(run, timeline, List.of());
    }

    @Test
    void scrapedMetrics_giveTheChain_whenTheTargetReportsThem() {
        Findings f = Analysis.analyse(measured());

        assertThat(f.bottleneck().component()).isEqualTo("target:app_cpu_utilization_percent");
        assertThat(f.bottleneck().chain())
                .extracting(Link::component, Link::what, Link::t)
                .containsExactly(
                        tuple("target:app_cpu_utilization_percent", "at its limit", 20.0),
                        tuple("target:db_pool_waiting", "queue grows", 25.0),
                        tuple("run", "p99 over goal (300 ms)", 30.0));
        assertThat(f.laws()).isNull();
        assertThat(f.runKind()).isEqualTo("measurement");
    }

    @Test
    void simulatedAgainstMeasured_sideBySide_withTheDifferences() {
        RunData sim = SyntheticRun.creditsChain();
        RunData real = measured();
        Comparison c = Compare.compare(sim, Analysis.analyse(sim), real, Analysis.analyse(real));

        assertThat(c.a().kind()).isEqualTo("simulation");
        assertThat(c.b().kind()).isEqualTo("measurement");
        assertThat(c.a().bottleneck()).isEqualTo("db.disk");
        assertThat(c.b().bottleneck()).isEqualTo("target:app_cpu_utilization_percent");
        Comparison.Row p99 = c.rows().stream()
                .filter(r -> r.figure().equals("latency p99"))
                .findFirst()
                .orElseThrow();
        assertThat(p99.a()).isEqualTo(1800.0);
        assertThat(p99.b()).isEqualTo(900.0);
        assertThat(p99.difference()).isEqualTo(-900.0);
        assertThat(p99.relative()).isEqualTo(-0.5);
        Comparison.Row cost = c.rows().stream()
                .filter(r -> r.figure().equals("cost per hour"))
                .findFirst()
                .orElseThrow();
        assertThat(cost.a()).isNull();
        assertThat(cost.difference()).isNull();
        Comparison.Row bound = c.rows().stream()
                .filter(r -> r.figure().equals("goal p99 bound"))
                .findFirst()
                .orElseThrow();
        assertThat(bound.a()).isEqualTo(500.0);
        assertThat(bound.b()).isEqualTo(300.0);
    }
}
