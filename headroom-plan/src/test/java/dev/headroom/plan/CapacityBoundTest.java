package dev.headroom.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The utilisation law's capacities read from a spec, and the fluid bound on late or failed requests. */
class CapacityBoundTest {
    static Spec spec(String profile, String goals) throws Exception {
        String yaml =
                """
                name: bound
                goals: %s
                workload:
                  profile: %s
                  classes:
                    - name: browse
                      weight: 3
                      cpu: { exponential: 4ms }
                      db: { queries: 2, cpu: { exponential: 1ms }, io: 1 }
                    - name: buy
                      weight: 1
                      cpu: { exponential: 8ms }
                      db: { queries: 4, writes: 2, cpu: { exponential: 2ms }, io: 2 }
                      locks: [ { name: stock, hold: 2ms } ]
                architecture:
                  client: { timeout: 10s }
                  lb: { routing: round-robin }
                  pool: { instances: 3, cores: 2, workers: 64, acceptQueue: 128 }
                  cache: { hitRatio: 0.5, cores: 2, latency: 1ms }
                  db: { cores: 4, connections: 100, replicas: 1, disk: { iops: 500, latency: 1ms } }
                """
                        .formatted(goals, profile);
        return SpecLoader.parse("bound.yaml", yaml, List.of(), Path.of("."));
    }

    @Test
    void eachTiersCapacity_isServersOverItsDemandPerRequest() throws Exception {
        Spec s = spec("{constant: {rate: 100/s, duration: 60s}}", "{ p99: 1s, errors: 1% }");
        var tiers = CapacityBound.tiers(s);
        // CPU: 3/4 x 4 ms + 1/4 x 8 ms = 5 ms on 6 cores: 1,200/s.
        assertThat(tiers.get(0).name()).isEqualTo("web.cpu");
        assertThat(tiers.get(0).perSecond()).isCloseTo(1200, within(1e-6));
        // Cache: reads 3/4 x 2 + 1/4 x 2 = 2 lookups of 1 ms on 2 cores: 1,000/s.
        assertThat(tiers.get(1).name()).isEqualTo("cache");
        assertThat(tiers.get(1).perSecond()).isCloseTo(1000, within(1e-6));
        // Database: half the reads miss: 3/4 x 1 x 1 ms + 1/4 x (2 + 1) x 2 ms = 2.25 ms on 2 nodes x 4 cores.
        assertThat(tiers.get(2).name()).isEqualTo("db.cpu");
        assertThat(tiers.get(2).perSecond()).isCloseTo(8 / 0.00225, within(1e-6));
        // Disk: 3/4 x 1 + 1/4 x 3 x 2 = 2.25 I/Os per request at 500 IOPS on each of 2 nodes.
        assertThat(tiers.get(3).name()).isEqualTo("db.disk");
        assertThat(tiers.get(3).perSecond()).isCloseTo(1000 / 2.25, within(1e-6));
        // The lock: one holder, 1/4 x 2 ms per request.
        assertThat(tiers.get(4).name()).isEqualTo("lock stock");
        assertThat(tiers.get(4).perSecond()).isCloseTo(2000, within(1e-6));
    }

    @Test
    void theExcess_isTheMostArrivalsBeyondServiceOverAnyInterval() throws Exception {
        Spec s = spec(
                "{phases: [{constant: {rate: 100/s, duration: 100s}}, {constant: {rate: 900/s, duration: 20s}},"
                        + " {constant: {rate: 100/s, duration: 100s}}]}",
                "{ p99: 1s, errors: 1% }");
        CapacityBound.Curve c = CapacityBound.Curve.of(s.workload().profile());
        // At 500/s, only the 20 s at 900/s overload: (900 - 500) x 20 = 8,000 beyond service.
        assertThat(c.excess(500)).isCloseTo(8000, within(8000 * 0.01));
        assertThat(c.excess(1000)).isZero();
    }

    @Test
    void aShortOverload_thatTheGoalsAbsorb_isNotRuledOut_butALongOneIs() throws Exception {
        // The disk (444/s) is the bottleneck. 30 s at 480/s leaves about 1,070 requests late; 1% of the run plus 1%
        // errors
        // is about 1,050 of its 52,400: ruled out. 3 s at 480/s leaves about 100 late of 48,600: not ruled out.
        String goals = "{ p99: 1s, errors: 1% }";
        Spec longOverload = spec(
                "{phases: [{constant: {rate: 400/s, duration: 60s}}, {constant: {rate: 600/s, duration: 30s}},"
                        + " {constant: {rate: 400/s, duration: 35s}}]}",
                goals);
        Spec shortOverload = spec(
                "{phases: [{constant: {rate: 400/s, duration: 60s}}, {constant: {rate: 600/s, duration: 3s}},"
                        + " {constant: {rate: 400/s, duration: 58s}}]}",
                goals);
        assertThat(CapacityBound.ruledOut(
                        longOverload,
                        CapacityBound.Curve.of(longOverload.workload().profile())))
                .hasValueSatisfying(why -> assertThat(why).startsWith("db.disk serves at most 444/s"));
        assertThat(CapacityBound.ruledOut(
                        shortOverload,
                        CapacityBound.Curve.of(shortOverload.workload().profile())))
                .isEmpty();
    }

    @Test
    void withoutAnErrorGoal_nothingIsRuledOut_lateRequestsMayFailInstead() throws Exception {
        Spec s = spec("{constant: {rate: 5000/s, duration: 60s}}", "{ p99: 1s }");
        assertThat(CapacityBound.ruledOut(s, CapacityBound.Curve.of(s.workload().profile())))
                .isEmpty();
    }
}
