package dev.headroom.sim.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.cost.CostSummary;
import dev.headroom.model.cost.LineItem;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bill a simulated run carries: usage from what the run did, the month from the baseline. */
class RunBillTest {
    private static Spec spec(String yaml) throws Exception {
        return SpecLoader.parse("bill.yaml", yaml, List.of(), Path.of("."));
    }

    private static LineItem item(CostSummary cost, String prefix) {
        return cost.items().stream()
                .filter(i -> i.item().startsWith(prefix))
                .findFirst()
                .orElseThrow();
    }

    /**
     * 100 requests/s, evenly spaced, for a minute through an ALB, each request its own connection:
     * 100 new connections/s is 4 LCUs (25 each), above 10 KiB x 100/s = 3.4 GB an hour (3.4 LCUs).
     * The run's 6,000 requests decide it: 4 LCUs x $0.008 for a minute.
     */
    @Test
    void managedBalancer_billsCapacityUnitsFromTheRunsRequests() throws Exception {
        SimResult r = Simulation.run(
                spec(
                        """
                        workload:
                          arrivals: uniform
                          profile: { constant: { rate: 100/s, duration: 1m } }
                          classes: [ { name: a, cpu: 1ms } ]
                        architecture:
                          lb: { type: alb }
                          pool: { instances: 1, type: c5.large }
                        """),
                SimOptions.seeded(1));

        long requests = r.summary().requests() + r.summary().retries();
        assertThat(requests).isEqualTo(6_000);
        double units = requests / 60.0 / 25;
        LineItem lcu = item(r.summary().cost(), "lb capacity units");
        assertThat(lcu.item()).isEqualTo("lb capacity units (4.00 on average)");
        assertThat(lcu.eventCost()).isCloseTo(units * 0.008 / 60, within(1e-6));
        assertThat(item(r.summary().cost(), "lb (1 x alb)").steadyPerHour()).isEqualTo(0.0225);
    }

    /**
     * A flash sale: 50/s, a spike to 1,000/s held for 4 minutes, back to 50/s. The group (minimum 2
     * c5.large at $0.085, 100 requests/s per instance) grows for the spike, so the run pays for more
     * than 2 instances on average; the steady month is the minimum's 2 x $0.085 x 730 = $124.10.
     */
    @Test
    void spikeRun_steadyMonthIsTheMinimum_whileTheEventPaysForTheSpike() throws Exception {
        SimResult r = Simulation.run(
                spec(
                        """
                        workload:
                          arrivals: uniform
                          profile: { spike: { base: 50/s, peak: 1000/s, lead: 2m, rise: 1m, hold: 4m, decay: 1m, tail: 4m } }
                          classes: [ { name: a, cpu: 2ms } ]
                        architecture:
                          lb: {}
                          pool:
                            instances: 2
                            type: c5.large
                            autoscaling: { min: 2, max: 12, target: { requests: 100/s }, boot: 30s }
                        """),
                SimOptions.seeded(1));

        CostSummary cost = r.summary().cost();
        LineItem web = item(cost, "web");
        double averageInstances = web.eventCost() / 0.085 / (r.summary().durationSeconds() / 3600);
        assertThat(averageInstances).isGreaterThan(3);
        assertThat(web.steadyPerHour()).isEqualTo(2 * 0.085);
        assertThat(cost.steadyPerMonth()).isCloseTo(2 * 0.085 * 730, within(1e-4));
        assertThat(cost.unpriced()).containsExactly("lb");
    }

    /**
     * An RDS Multi-AZ primary with no replica: lost at 30 s, its standby takes over after the 40 s
     * failover, where a Single-AZ database with no replica would stay down.
     */
    @Test
    void multiAzPrimaryLoss_failsOverToTheStandby() throws Exception {
        SimResult r = Simulation.run(
                spec(
                        """
                        workload:
                          profile: { constant: { rate: 100/s, duration: 3m } }
                          classes: [ { name: a, cpu: 1ms, db: { queries: 2, writes: 1, cpu: 1ms } } ]
                        architecture:
                          pool: { instances: 1, cores: 2 }
                          db: { type: db.m5.large, multiAz: true, failover: 40s }
                        failures:
                          - { at: 30s, kill: db }
                        """),
                SimOptions.seeded(3));

        List<RunEvent> failover =
                r.events().stream().filter(e -> e.kind().equals("db-failover")).toList();
        assertThat(failover).hasSize(1);
        assertThat(failover.get(0).t()).isEqualTo(70.0);
        assertThat(r.events()).noneMatch(e -> e.kind().equals("db-outage"));
        // Every request needs the primary, so all fail for the 40 s of failover (100/s): about 4,000.
        assertThat(r.summary().errors().get("db-unavailable")).isBetween(3_700L, 4_300L);
        assertThat(item(r.summary().cost(), "db primary").item()).isEqualTo("db primary (db.m5.large, Multi-AZ)");
        assertThat(item(r.summary().cost(), "db primary").steadyPerHour()).isEqualTo(0.342);
    }
}
