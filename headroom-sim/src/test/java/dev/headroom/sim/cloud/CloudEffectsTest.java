package dev.headroom.sim.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.run.RunEvent;
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

class CloudEffectsTest {

    private static Spec spec(String yaml) throws Exception {
        return SpecLoader.parse("test.yaml", yaml, List.of(), Path.of("."));
    }

    private static RunEvent firstEvent(SimResult r, String kind) {
        return r.events().stream()
                .filter(e -> e.kind().equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " event in " + r.events()));
    }

    /**
     * EBS User Guide: a gp2 volume's bucket holds 5.4 million I/O credits and earns 3 per GiB per
     * second. A 100 GiB volume (baseline 300 IOPS) driven at its 3,000 IOPS burst drains at 2,700
     * a second: empty after 5,400,000 / 2,700 = 2,000 s. The issue asks for 1%.
     */
    @Test
    void gp2Volume_drivenAtBurst_runsOutAfterTheFormulasTime_thenServesItsBaseline() throws Exception {
        Spec s = spec(
                """
                workload:
                  arrivals: uniform
                  profile: { constant: { rate: 3000/s, duration: 2100s } }
                  classes: [ { name: write, cpu: 0ms, db: { queries: 1, cpu: 0ms, io: 1 } } ]
                architecture:
                  client: { timeout: 5s }
                  pool: { instances: 1, workers: unlimited, acceptQueue: unlimited, cores: 64 }
                  db: { cores: 64, connections: unlimited, volume: { type: gp2, size: 100GiB, latency: 1ms } }
                """);
        List<TimelineRecord> timeline = new ArrayList<>();
        SimResult r = Simulation.run(s, SimOptions.seeded(1).withTimeline(timeline::add));

        assertThat(firstEvent(r, "volume-credits-exhausted").t()).isCloseTo(2000.0, within(20.0));
        TimelineRecord before = timeline.get(1000);
        TimelineRecord after = timeline.get(2050);
        assertThat(before.components().get("db.disk").metrics().get("iops")).isCloseTo(3000.0, within(30.0));
        assertThat(before.components().get("db.disk").metrics().get("iopsCap")).isEqualTo(3000.0);
        assertThat(before.components().get("db.disk").metrics().get("volumeCredits"))
                .isCloseTo(5_400_000 - 1000 * 2700.0, within(2700.0 * 2));
        assertThat(after.components().get("db.disk").metrics().get("iops")).isCloseTo(300.0, within(3.0));
        assertThat(after.components().get("db.disk").metrics().get("iopsCap")).isEqualTo(300.0);
        // Behind 300 IOPS the queue grows by 2,700 requests a second, and the clients give up.
        assertThat(after.errors().get("timeout")).isGreaterThan(2_500L);
        assertThat(after.completed()).isLessThan(400L);
    }

    @Test
    void instanceEbsLimit_capsAProvisionedVolume() throws Exception {
        // io1 at 10,000 IOPS on a t3.large: the instance bursts to 15,700 IOPS and sustains 4,000
        // (EBS-optimised instance table), so the volume gets min(10,000, 15,700) until the
        // instance's 30-minute burst allowance is spent: (15,700 - 4,000) x 1,800 credits at
        // 10,000 - 4,000 a second = 3,510 s. Shortened here by starting it with less credit is not
        // possible from a spec, so check the cap itself over a short run.
        Spec s = spec(
                """
                workload:
                  arrivals: uniform
                  profile: { constant: { rate: 12000/s, duration: 20s } }
                  classes: [ { name: read, cpu: 0ms, db: { queries: 1, cpu: 0ms, io: 1 } } ]
                architecture:
                  client: { timeout: 2s }
                  pool: { instances: 1, workers: unlimited, acceptQueue: unlimited, cores: 64 }
                  db: { type: m5.large, cores: 64, connections: unlimited, volume: { type: io1, size: 400GiB, iops: 20000 } }
                """);
        List<TimelineRecord> timeline = new ArrayList<>();
        Simulation.run(s, SimOptions.seeded(1).withTimeline(timeline::add));
        // m5.large: 3,600 baseline, 18,750 burst IOPS; the io1 volume is provisioned for 20,000.
        assertThat(timeline.get(10).components().get("db.disk").metrics().get("iopsCap"))
                .isEqualTo(18_750.0);
        assertThat(timeline.get(10).components().get("db.disk").metrics().get("iops"))
                .isCloseTo(12_000.0, within(120.0));
    }

    /**
     * EC2 User Guide: a t3.large earns 36 credits an hour (0.6 a minute) and spends one per vCPU
     * busy per minute. Busy on 1.5 vCPUs it loses 0.9 credits a minute, so 100 credits last
     * 100 / 0.9 minutes = 6,666.7 s. In standard mode it is then throttled to 30% of each vCPU.
     */
    @Test
    void t3Standard_runsOutOfCpuCreditsAtBalanceOverNetSpend_thenIsThrottledToBaseline() throws Exception {
        Spec s = spec(
                """
                workload:
                  arrivals: uniform
                  profile: { constant: { rate: 150/s, duration: 7000s } }
                  classes: [ { name: compute, cpu: 10ms } ]
                architecture:
                  client: { timeout: 10s }
                  pool: { instances: 1, type: t3.large, creditMode: standard, initialCredits: 100, workers: unlimited, acceptQueue: unlimited }
                """);
        List<TimelineRecord> timeline = new ArrayList<>();
        SimResult r = Simulation.run(s, SimOptions.seeded(1).withTimeline(timeline::add));

        double expected = 100 / 0.9 * 60;
        assertThat(firstEvent(r, "cpu-credits-exhausted").t()).isCloseTo(expected, within(expected * 0.01));
        var cpuBefore = timeline.get(3000).components().get("web.cpu").metrics();
        assertThat(cpuBefore.get("credits")).isCloseTo(100 - 0.9 * 50, within(0.5));
        assertThat(cpuBefore.get("capacity")).isEqualTo(2.0);
        var cpuAfter = timeline.get(6800).components().get("web.cpu").metrics();
        assertThat(cpuAfter.get("capacity")).isCloseTo(0.6, within(1e-9));
        assertThat(cpuAfter.get("throttled")).isEqualTo(1.0);
        assertThat(r.surplusCredits()).isZero();
        assertThat(r.summary().errors()).containsKey("timeout");
    }

    @Test
    void t3Unlimited_keepsFullSpeed_andBillsTheSurplus() throws Exception {
        Spec s = spec(
                """
                workload:
                  arrivals: uniform
                  profile: { constant: { rate: 150/s, duration: 7000s } }
                  classes: [ { name: compute, cpu: 10ms } ]
                architecture:
                  pool: { instances: 1, type: t3.large, creditMode: unlimited, initialCredits: 100, workers: unlimited, acceptQueue: unlimited }
                """);
        SimResult r = Simulation.run(s, SimOptions.seeded(1));
        double exhausted = 100 / 0.9 * 60;
        assertThat(firstEvent(r, "cpu-credits-exhausted").t()).isCloseTo(exhausted, within(exhausted * 0.01));
        // After the balance is gone every minute costs 0.9 surplus credits.
        assertThat(r.surplusCredits()).isCloseTo((7000 - exhausted) / 60 * 0.9, within(1.0));
        assertThat(r.summary().errorCount()).isZero();
        assertThat(r.summary().latencyMillis().p99()).isLessThan(100);
    }
}
