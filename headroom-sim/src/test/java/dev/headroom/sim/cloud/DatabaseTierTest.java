package dev.headroom.sim.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.catalog.RdsConnections;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatabaseTierTest {

    private static Spec spec(String yaml, String... overrides) throws Exception {
        return SpecLoader.parse("test.yaml", yaml, List.of(overrides), Path.of("."));
    }

    @Test
    void maxConnections_defaultsToTheRdsFormulaForTheInstanceMemory() throws Exception {
        // Amazon RDS: MySQL {DBInstanceClassMemory/12582880}, PostgreSQL LEAST({DBInstanceClassMemory/9531392}, 5000).
        assertThat(RdsConnections.defaultFor("mysql", 8)).isEqualTo(682);
        assertThat(RdsConnections.defaultFor("postgres", 8)).isEqualTo(901);
        assertThat(RdsConnections.defaultFor("postgres", 64)).isEqualTo(5000);
        Spec s = spec(BASE.replace("db: { cores: 16, connections: 100 }", "db: { engine: mysql, type: m5.large }"));
        assertThat(s.architecture().db().orElseThrow().connections()).isEqualTo(682);
        assertThat(s.architecture().db().orElseThrow().cores()).isEqualTo(2);
    }

    private static final String BASE =
            """
            workload:
              arrivals: uniform
              profile: { constant: { rate: 400/s, duration: 60s } }
              classes: [ { name: q, cpu: 1ms, db: { queries: 1, cpu: 20ms } } ]
            architecture:
              client: { timeout: 5s }
              lb: { routing: round-robin }
              pool: { instances: 4, cores: 4, workers: 200, acceptQueue: 200 }
              db: { cores: 16, connections: 100 }
            """;

    @Test
    void webConnectionPools_addingInstancesAddsConnections_untilMaxConnectionsRefusesThem() throws Exception {
        // 400/s x 20 ms = 8 connections busy on average; pools of 30 on 4 instances fit in 100.
        SimResult fits = Simulation.run(
                spec(BASE, "architecture.pool.dbPool={size: 30, waitTimeout: 1s}"), SimOptions.seeded(1));
        assertThat(fits.summary().errorCount()).isZero();
        // A slower database needs more connections than the pools of 4 instances may open (4 x 30 > 100).
        SimResult refused = Simulation.run(
                spec(BASE, "architecture.pool.dbPool={size: 30, waitTimeout: 1s}", "workload.classes.q.db.cpu=150ms"),
                SimOptions.seeded(1));
        assertThat(refused.summary().errors()).containsKey("too-many-connections");
        assertThat(refused.summary().components().get("db.connections").maxWaiting())
                .isZero();
        // Pools of 10 are within max_connections but too small: requests wait, then time out of the pool.
        SimResult starved = Simulation.run(
                spec(
                        BASE,
                        "architecture.pool.dbPool={size: 10, waitTimeout: 200ms}",
                        "workload.classes.q.db.cpu=150ms"),
                SimOptions.seeded(1));
        assertThat(starved.summary().errors()).containsKey("db-pool-timeout").doesNotContainKey("too-many-connections");
    }

    @Test
    void replicas_takeTheReads_andFallBehindWhenTheirApplyThreadCannotKeepUp() throws Exception {
        // 400 requests/s, each one read and one write of 4 ms: a replica's one apply thread manages
        // 250 writes/s of the 400 committed. The write at the head of its queue was committed when
        // the primary had written 250/400 of what the replica has applied, so the lag, the head's
        // age, grows by 1 - 250/400 = 0.375 s every second.
        String yaml = BASE.replace("db: { queries: 1, cpu: 20ms }", "db: { queries: 2, writes: 1, cpu: 4ms }")
                .replace("db: { cores: 16, connections: 100 }", "db: { cores: 16, connections: 200, replicas: 2 }");
        List<TimelineRecord> timeline = new ArrayList<>();
        SimResult r = Simulation.run(spec(yaml), SimOptions.seeded(1).withTimeline(timeline::add));
        var c = r.summary().components();
        assertThat(c.get("db-replica-1.connections").departures()
                        + c.get("db-replica-2.connections").departures())
                .isEqualTo(r.summary().completed());
        assertThat(c.get("db-replica-1.connections").departures())
                .isCloseTo(c.get("db-replica-2.connections").departures(), within(2L));
        double lag20 =
                timeline.get(20).components().get("db-replica-1.cpu").metrics().get("replicationLagSeconds");
        double lag40 =
                timeline.get(40).components().get("db-replica-1.cpu").metrics().get("replicationLagSeconds");
        assertThat(lag40 - lag20).isCloseTo(20 * 0.375, within(0.5));
        // With writes light enough to apply, the lag stays near zero.
        List<TimelineRecord> light = new ArrayList<>();
        Simulation.run(
                spec(yaml.replace("cpu: 4ms }", "cpu: 1ms }")),
                SimOptions.seeded(1).withTimeline(light::add));
        assertThat(light.get(40).components().get("db-replica-1.cpu").metrics().get("replicationLagSeconds"))
                .isLessThan(0.05);
    }

    @Test
    void shards_partitionTheRequestsEvenly() throws Exception {
        SimResult r = Simulation.run(spec(BASE, "architecture.db.shards=4"), SimOptions.seeded(1));
        long total = r.summary().completed();
        for (int s = 1; s <= 4; s++) {
            long share = r.summary().components().get("db-shard-" + s + ".cpu").departures();
            // Binomial(24,000, 1/4): standard deviation about 67; 5 of them is a generous bound.
            assertThat((double) share).isCloseTo(total / 4.0, within(5 * Math.sqrt(total * 0.25 * 0.75)));
        }
    }

    @Test
    void balancerSurgeQueue_spillsOverBeyondItsLimit_andMoreBalancersBehindDnsAddConnections() throws Exception {
        String yaml = BASE.replace(
                        "lb: { routing: round-robin }",
                        "lb: { routing: round-robin, backendLimit: 10, queueLimit: 50 }")
                .replace("db: { queries: 1, cpu: 20ms }", "db: { queries: 1, cpu: 100ms }")
                .replace("db: { cores: 16, connections: 100 }", "db: { cores: 64, connections: 200 }");
        // Each backend takes 10 requests from the balancer: 40 in service, at 101 ms each 396/s, just
        // under the offered 400/s, so the surge queue fills and spills over. A second balancer
        // behind DNS brings its own 10 connections per backend.
        SimResult one = Simulation.run(spec(yaml), SimOptions.seeded(1));
        assertThat(one.summary().errors()).containsKey("spillover");
        assertThat(one.events()).anyMatch(e -> e.kind().equals("spillover-begins"));
        SimResult two = Simulation.run(spec(yaml, "architecture.lb.count=2"), SimOptions.seeded(1));
        assertThat(two.summary().errors().getOrDefault("spillover", 0L))
                .isLessThan(one.summary().errors().get("spillover") / 10);
        assertThat(two.summary().components().get("lb").servers()).isEqualTo(2 * 4 * 10);
    }

    @Test
    void clientRetries_turnAnOverloadIntoARetryStorm() throws Exception {
        String overloaded = BASE.replace("db: { queries: 1, cpu: 20ms }", "db: { queries: 1, cpu: 60ms }")
                .replace("db: { cores: 16, connections: 100 }", "db: { cores: 16, connections: 20 }");
        List<TimelineRecord> timeline = new ArrayList<>();
        SimResult r = Simulation.run(
                spec(overloaded, "architecture.client={timeout: 1s, retries: 3, backoff: 100ms}"),
                SimOptions.seeded(1).withTimeline(timeline::add));
        assertThat(r.summary().retries()).isGreaterThan(r.summary().requests() / 2);
        TimelineRecord busy = timeline.get(40);
        assertThat(busy.arrivals() + busy.retries())
                .as("the clients' retries add to the offered load")
                .isGreaterThan((long) (1.3 * busy.arrivals()));
        SimResult noRetries =
                Simulation.run(spec(overloaded, "architecture.client={timeout: 1s}"), SimOptions.seeded(1));
        assertThat(noRetries.summary().retries()).isZero();
        assertThat(noRetries.summary().errors().get("timeout")).isPositive();
    }

    @Test
    void namedLock_serialisesTheRequestsThatHoldIt_asAnMD1Queue() throws Exception {
        // 100 requests/s, each holding the lock "inventory" for 5 ms: the lock is an M/D/1 queue at
        // rho = 0.5, whose mean wait is rho S / (2 (1 - rho)) = 2.5 ms (Pollaczek-Khinchine), so the
        // mean residence at the lock is 7.5 ms.
        String yaml =
                """
                workload:
                  profile: { constant: { rate: 100/s, duration: 2000s } }
                  classes: [ { name: buy, cpu: 1ms, locks: [ { name: inventory, hold: 5ms } ] } ]
                architecture:
                  pool: { instances: 1, cores: 8, workers: unlimited, acceptQueue: unlimited }
                """;
        SimResult r = Simulation.run(spec(yaml), SimOptions.seeded(3));
        var lock = r.summary().components().get("lock.inventory");
        assertThat(lock.utilization()).isCloseTo(0.5, within(0.01));
        // 200,000 requests: the standard error of the mean residence is well under 2%.
        assertThat(lock.meanResidenceMillis()).isCloseTo(7.5, within(0.3));
    }
}
