package dev.headroom.model.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.model.failure.Failures;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResilienceSpecTest {
    private static final String BASE =
            """
            workload:
              profile: { constant: { rate: 10/s, duration: 10m } }
              classes: [ { name: a, cpu: 1ms, db: { queries: 1, cpu: 1ms } } ]
            architecture:
              lb: {}
              pool:
                instances: 2
                zones: [a, b]
                autoscaling: { min: 2, max: 8, target: { cpu: 50% } }
              db: { cores: 4, replicas: 1 }
            failures:
              - { at: 5m, kill: web-2 }
              - { at: 6m, kill: web, zone: b, restore: 8m }
              - { at: 7m, kill: db }
            chaos: { groups: [web], every: 10m }
            """;

    @Test
    void autoscalingAndFailures_readWithTheCitedDefaults() throws Exception {
        Spec s = Specs.load(BASE);

        Autoscaling a = s.architecture().pool().autoscaling().orElseThrow();
        assertThat(a.min()).isEqualTo(2);
        assertThat(a.max()).isEqualTo(8);
        assertThat(a.target()).hasValue(new Autoscaling.Target(Autoscaling.Metric.CPU, 0.5));
        assertThat(a.metricPeriodNanos()).isEqualTo(60_000_000_000L);
        assertThat(a.scaleOutPeriods()).isEqualTo(3);
        assertThat(a.scaleInPeriods()).isEqualTo(15);
        assertThat(a.warmupNanos()).isEqualTo(300_000_000_000L);
        assertThat(s.architecture().lb().orElseThrow().healthCheck().toHealthyNanos())
                .isEqualTo(150_000_000_000L);
        assertThat(s.architecture().lb().orElseThrow().healthCheck().toUnhealthyNanos())
                .isEqualTo(60_000_000_000L);
        assertThat(s.architecture().pool().zones()).containsExactly("a", "b");
        assertThat(s.failures().scheduled())
                .extracting(Failures.Failure::component)
                .containsExactly("web-2", "web", "db");
        assertThat(s.failures().chaos().orElseThrow().perHour()).isEqualTo(6.0);
    }

    @Test
    void minAboveMax_isReportedAtMin() {
        Problem p = Specs.problem(BASE, "architecture.pool.autoscaling.min=9");
        assertThat(p.path()).isEqualTo("architecture.pool.autoscaling.min");
        assertThat(p.rule()).contains("min is above max");
    }

    @Test
    void autoscalingOnTheDatabase_isATierThatCannotScale() {
        Problem p = Specs.problem(BASE, "architecture.db.autoscaling={min: 1, max: 3}");
        assertThat(p.path()).isEqualTo("architecture.db.autoscaling");
        assertThat(p.rule()).contains("only the pool can autoscale");
    }

    @Test
    void failureOfAnUnknownComponent_listsTheValidNames() {
        Problem p = Specs.problem(Specs.edit(BASE, "kill: db }", "kill: dbx }"));
        assertThat(p.line()).isEqualTo(14);
        assertThat(p.column()).isEqualTo(21);
        assertThat(p.value()).isEqualTo("dbx");
        assertThat(p.rule()).isEqualTo("no such component");
        assertThat(p.fix()).contains("db");
    }

    @Test
    void failureAfterTheRunEnds_isOutsideTheRun() {
        Problem p = Specs.problem(Specs.edit(BASE, "at: 7m", "at: 20m"));
        assertThat(p.path()).isEqualTo("failures[2].at");
        assertThat(p.rule()).contains("outside the run");
    }

    @Test
    void restoreBeforeTheFailure_andAZoneThePoolDoesNotUse_areBothReported() {
        List<Problem> ps = Specs.problems(Specs.edit(BASE, "zone: b, restore: 8m", "zone: c, restore: 5m"));
        assertThat(ps)
                .extracting(Problem::rule)
                .containsExactlyInAnyOrder(
                        "the pool has no instances in that zone", "the restore comes before the failure (at 6m)");
    }

    @Test
    void startingCountOutsideTheGroup_andChaosOnAnUnknownGroup_areReported() {
        List<Problem> ps = Specs.problems(
                Specs.edit(Specs.edit(BASE, "instances: 2", "instances: 9"), "groups: [web]", "groups: [api]"));
        assertThat(ps)
                .extracting(Problem::path)
                .containsExactlyInAnyOrder("architecture.pool.instances", "chaos.groups");
    }
}
