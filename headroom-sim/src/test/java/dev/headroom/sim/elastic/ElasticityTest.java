package dev.headroom.sim.elastic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.run.Availability;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import dev.headroom.sim.SinglePointsOfFailure;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ElasticityTest {
    private static Spec spec(String yaml) throws Exception {
        return SpecLoader.parse("test.yaml", yaml, List.of(), Path.of("."));
    }

    private static List<RunEvent> events(SimResult r, String kind) {
        return r.events().stream().filter(e -> e.kind().equals(kind)).toList();
    }

    /**
     * Two one-core instances at 200 requests/s each of 3 ms run at 60% CPU, over a 50% target.
     * With 60 s periods and 3 periods to scale out, the decision comes at the end of the third
     * period (180 s): desired = ceil(2 x 0.6 / 0.5) = 3. The instance boots for 90 s and passes 5
     * health checks 30 s apart (150 s): in service at 180 + 90 + 150 = 420 s. It is billed from its
     * launch: 2 x 480 + 300 = 1,260 instance-seconds over the 480 s run.
     */
    @Test
    void scaleOut_atTheThirdPeriodOverTarget_inServiceAfterBootAndHealthChecks() throws Exception {
        SimResult r = Simulation.run(
                spec(
                        """
                        workload:
                          arrivals: uniform
                          profile: { constant: { rate: 400/s, duration: 8m } }
                          classes: [ { name: a, cpu: 3ms } ]
                        architecture:
                          lb: { routing: round-robin }
                          pool:
                            instances: 2
                            type: c5.large
                            cores: 1
                            autoscaling: { min: 2, max: 6, target: { cpu: 50% }, boot: 90s }
                        """),
                SimOptions.seeded(1));

        List<RunEvent> out = events(r, "scale-out");
        assertThat(out).hasSize(1);
        assertThat(out.get(0).t()).isEqualTo(180.0);
        assertThat(out.get(0).detail()).startsWith("desired 2 -> 3: average CPU 60.0% vs target 50.0%");
        List<RunEvent> in = events(r, "instance-in-service");
        assertThat(in).hasSize(1);
        assertThat(in.get(0).t()).isEqualTo(420.0);
        // c5.large at $0.085 an hour, billed for 1,260 instance-seconds.
        assertThat(r.summary().cost().items().get(0).eventCost()).isCloseTo(1260 * 0.085 / 3600, within(1e-4));
    }

    /**
     * 100 requests/s, evenly spaced, round robin over two instances; web-1 dies at 60 s and the
     * balancer notices after 2 failed checks 10 s apart (80 s). In between, every other request
     * goes to the dead instance: 20 s x 50/s = 1,000 failures of 12,000 requests. Availability
     * 11,000 / 12,000; the second minute 5,000 / 6,000; 20 seconds at 50%, under the 99% target;
     * the 1% budget allows 120 failures: 1,000 / 120 of it used.
     */
    @Test
    void availability_ofAKilledInstance_matchesTheHandCount() throws Exception {
        SimResult r = Simulation.run(
                spec(
                        """
                        goals: { errors: 1% }
                        workload:
                          arrivals: uniform
                          profile: { constant: { rate: 100/s, duration: 2m } }
                          classes: [ { name: a, cpu: 1ms } ]
                        architecture:
                          lb: { routing: round-robin, healthCheck: { interval: 10s, unhealthy: 2 } }
                          pool: { instances: 2, cores: 1 }
                        failures:
                          - { at: 60s, kill: web-1 }
                        """),
                SimOptions.seeded(1));

        assertThat(r.summary().requests()).isBetween(11_999L, 12_000L);
        assertThat(r.summary().errorCount()).isBetween(999L, 1001L);
        Availability a = r.summary().availability();
        assertThat(a.overall()).isCloseTo(11_000.0 / 12_000, within(1e-4));
        assertThat(a.perMinute()).hasSize(2);
        assertThat(a.perMinute().get(0)).isEqualTo(1.0);
        assertThat(a.perMinute().get(1)).isCloseTo(5_000.0 / 6_000, within(2e-4));
        assertThat(a.downtimeSeconds()).isEqualTo(20.0);
        assertThat(a.errorBudgetUsed()).isCloseTo(1_000.0 / 120, within(0.01));
        assertThat(events(r, "instance-unhealthy").get(0).t()).isEqualTo(80.0);
    }

    /**
     * A scheduled action at 60 s raises desired from 2 to 4: two instances launch, boot for 30 s
     * and pass 2 checks 10 s apart, in service at 110 s. CPU stays far under the target, so at the
     * end of the second period under it (120 s), with nothing warming up, target tracking scales in
     * to ceil(4 x cpu / 50%) = 1, the min. Billing: 2 x 60 s, then 4 x 60 s (starting instances are
     * billed), then 1 for the last 60 s, plus the second each of the three removed drains (idle
     * instances are found empty at the next tick): 423 instance-seconds.
     */
    @Test
    void scheduledAction_thenScaleIn_drainsAndBillsWhatWasUsed() throws Exception {
        SimResult r = Simulation.run(
                spec(
                        """
                        workload:
                          arrivals: uniform
                          profile: { constant: { rate: 20/s, duration: 3m } }
                          classes: [ { name: a, cpu: 1ms } ]
                        architecture:
                          lb: { routing: round-robin, healthCheck: { interval: 10s, healthy: 2 } }
                          pool:
                            instances: 2
                            type: c5.large
                            cores: 1
                            autoscaling:
                              min: 1
                              max: 6
                              target: { cpu: 50% }
                              scaleInPeriods: 2
                              warmup: 0s
                              cooldown: 0s
                              boot: 30s
                              schedule: [ { at: 60s, desired: 4 } ]
                        """),
                SimOptions.seeded(1));

        assertThat(events(r, "scheduled-action").get(0).t()).isEqualTo(60.0);
        assertThat(events(r, "instance-in-service")).extracting(RunEvent::t).containsExactly(110.0, 110.0);
        RunEvent in = events(r, "scale-in").get(0);
        assertThat(in.t()).isEqualTo(120.0);
        assertThat(in.detail()).startsWith("desired 4 -> 1");
        assertThat(r.summary().errorCount()).isZero();
        double instanceSeconds = r.summary().cost().items().get(0).eventCost() / 0.085 * 3600;
        assertThat(instanceSeconds).isCloseTo(423.0, within(0.05));
    }

    private static final String CHAOS =
            """
            workload:
              profile: { constant: { rate: 300/s, duration: 6m } }
              classes: [ { name: a, cpu: { exponential: 5ms }, db: { queries: 1, cpu: 1ms } } ]
            architecture:
              client: { retries: 2 }
              lb: { routing: least-outstanding, healthCheck: { interval: 2s, healthy: 2, unhealthy: 3 } }
              pool: { instances: 4, cores: 2, zones: [a, b] }
              db: { cores: 4 }
            chaos: { groups: [web], every: 1m }
            """;

    @Test
    void seededChaos_replaysExactly_andAnotherSeedKillsOtherInstancesAtOtherTimes() throws Exception {
        Spec s = spec(CHAOS);
        SimResult first = Simulation.run(s, SimOptions.seeded(7));
        SimResult again = Simulation.run(s, SimOptions.seeded(7));
        SimResult other = Simulation.run(s, SimOptions.seeded(8));

        assertThat(events(first, "instance-killed")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(again.events()).isEqualTo(first.events());
        assertThat(again.summary()).isEqualTo(first.summary());
        assertThat(events(other, "instance-killed")).isNotEqualTo(events(first, "instance-killed"));
        // Every killed instance is replaced: boot plus health checks later, a new one takes traffic.
        assertThat(events(first, "instance-in-service")).isNotEmpty();
    }

    @Test
    void databasePrimaryLoss_withAReplica_failsOverAfterTheFailoverTime() throws Exception {
        SimResult r = Simulation.run(
                spec(
                        """
                        workload:
                          profile: { constant: { rate: 100/s, duration: 3m } }
                          classes: [ { name: a, cpu: 1ms, db: { queries: 2, writes: 1, cpu: 1ms } } ]
                        architecture:
                          pool: { instances: 1, cores: 2 }
                          db: { cores: 4, replicas: 1, failover: 40s }
                        failures:
                          - { at: 30s, kill: db }
                        """),
                SimOptions.seeded(3));

        assertThat(events(r, "db-failover").get(0).t()).isEqualTo(70.0);
        // Writes fail for the 40 s of failover (100/s): about 4,000 requests.
        assertThat(r.summary().errors().get("db-unavailable")).isBetween(3_700L, 4_300L);
    }

    @Test
    void spof_namesTheSingleDatabaseAndTheSingleBalancer_notOneWebInstance() throws Exception {
        Spec s = spec(
                """
                goals: { errors: 1% }
                workload:
                  arrivals: uniform
                  profile: { steps: { rates: [50/s, 100/s, 100/s], each: 1m } }
                  classes: [ { name: a, cpu: 2ms, db: { queries: 1, cpu: 1ms } } ]
                architecture:
                  client: { retries: 2, backoff: 50ms }
                  lb: { routing: round-robin, healthCheck: { interval: 2s, healthy: 2, unhealthy: 3 } }
                  pool: { instances: 2, cores: 2 }
                  db: { cores: 4 }
                """);
        double peak = SinglePointsOfFailure.peakSeconds(s.workload().profile(), 180);
        assertThat(peak).isEqualTo(60.0);

        List<SinglePointsOfFailure.Outcome> o = SinglePointsOfFailure.run(s, SimOptions.seeded(1), 60_000_000_000L, 2);

        assertThat(o)
                .extracting(SinglePointsOfFailure.Outcome::component)
                .containsExactly("(nothing lost)", "lb", "web-1 (one instance)", "db");
        assertThat(o).extracting(SinglePointsOfFailure.Outcome::goalMet).containsExactly(true, false, true, false);
        // Lost at 60 s of a 180 s run: the last two minutes are down.
        assertThat(o.get(3).availability().downtimeSeconds()).isCloseTo(120.0, within(1.0));
    }
}
