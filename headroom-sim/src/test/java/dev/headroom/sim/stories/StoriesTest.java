package dev.headroom.sim.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.run.ComponentSample;
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

/**
 * The five stories of STORIES.md as runnable examples. Each verdict is a property of the run's
 * numbers (events, timeline, summary), never of what the example prints. Default seed.
 */
class StoriesTest {
    private static final Path STORIES = Path.of("../examples/stories");

    private record Outcome(Spec spec, SimResult result, List<TimelineRecord> timeline) {
        boolean goalsMet() {
            return spec.goals().judge(result.summary()).stream().allMatch(Goals.Verdict::met);
        }

        RunEvent event(String kind) {
            return result.events().stream()
                    .filter(e -> e.kind().equals(kind))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " in " + result.events()));
        }

        ComponentSample at(int second, String component) {
            return timeline.get(second).components().get(component);
        }

        /** The highest 30-second mean of successful responses per second. */
        double peakThroughput() {
            double best = 0;
            for (int i = 30; i <= timeline.size(); i++) {
                double sum = 0;
                for (int j = i - 30; j < i; j++) {
                    sum += timeline.get(j).completed();
                }
                best = Math.max(best, sum / 30);
            }
            return best;
        }
    }

    private static Outcome run(String story, String... overrides) throws Exception {
        Spec spec = SpecLoader.load(STORIES.resolve(story + ".yaml"), List.of(overrides));
        List<TimelineRecord> timeline = new ArrayList<>();
        SimResult r = Simulation.run(spec, SimOptions.seeded(Spec.DEFAULT_SEED).withTimeline(timeline::add));
        return new Outcome(spec, r, timeline);
    }

    @Test
    void goingCloud_volumeCreditsRunOutWhenTheFormulaSays_thenTheDiskNotTheCodeBreaksTheGoal() throws Exception {
        Outcome o = run("going-cloud");
        // 5.4 million credits drained at 1,600 - 300 IOPS (800 clicks/s x 2 I/Os, baseline 3 x 100 GiB).
        double predicted = 5_400_000.0 / (1600 - 300);
        assertThat(o.event("volume-credits-exhausted").t()).isCloseTo(predicted, within(predicted * 0.02));
        assertThat(o.at(3000, "db.disk").metrics().get("iopsCap")).isEqualTo(3000.0);
        ComponentSample after = o.at(4500, "db.disk");
        assertThat(after.metrics().get("iopsCap")).isEqualTo(300.0);
        assertThat(after.metrics().get("iops")).isCloseTo(300.0, within(15.0));
        assertThat(after.metrics().get("queueLength"))
                .as("the database sits in I/O wait")
                .isGreaterThan(50.0);
        assertThat(o.at(4500, "web.cpu").utilization())
                .as("the front ends are idle: not the code")
                .isLessThan(0.5);
        TimelineRecord late = o.timeline().get(4500);
        assertThat(late.latencyMillis().p99() > 500
                        || late.errors().values().stream()
                                        .mapToLong(Long::longValue)
                                        .sum()
                                > 0.01 * late.arrivals())
                .isTrue();
        assertThat(o.goalsMet()).isFalse();

        assertThat(run("going-cloud", "architecture.db.volume={type: io1, size: 100GiB, iops: 2000}")
                        .goalsMet())
                .as("provisioned IOPS")
                .isTrue();
        assertThat(run("going-cloud", "architecture.db.shards=3").goalsMet())
                .as("a sharded database")
                .isTrue();
    }

    @Test
    void flashSale_autoIncLockWaitersDominateAtThePeak_andTheQueueMoveWithLockModeTwoRestoresTheGoal()
            throws Exception {
        // The lock story with the web group held at its starting size (min = max = 8).
        Outcome o = run("flash-sale", "architecture.pool.autoscaling.max=8");
        assertThat(o.goalsMet()).isFalse();
        o.event("lock-convoy");
        int peak = 40 * 60;
        assertThat(o.at(peak, "db.lock.auto_inc").utilization())
                .as("the lock is held all the time")
                .isGreaterThan(0.95);
        assertThat(o.at(peak, "db.lock.auto_inc").waiting())
                .as("inserts queue for the lock")
                .isGreaterThan(100.0);
        assertThat(o.at(peak, "db.cpu").utilization())
                .as("while the database's CPU idles")
                .isLessThan(0.5);
        var s = o.result().summary();
        double lockPerCheckout = 2 * s.components().get("db.lock.auto_inc").meanResidenceMillis();
        assertThat(lockPerCheckout)
                .as("waiting for the lock is most of a checkout's time in the database")
                .isGreaterThan(0.4 * s.classes().get("checkout").mean());

        Outcome fixed = run("flash-sale", "architecture.queue.kind=broker", "architecture.db.autoincLockMode=2");
        assertThat(fixed.goalsMet()).isTrue();
    }

    @Test
    void flashSale_webGroupScalesOutWithinItsLag_butTheDatabaseStaysTheBottleneck() throws Exception {
        Outcome o = run("flash-sale");
        assertThat(o.goalsMet()).isFalse();
        // The rate passes 8 x 100/s at about 7.5 min; three 1-minute periods over target later the
        // group decides (11 min), and 90 s of boot and 150 s of health checks put the new
        // instances in service at 15 min.
        assertThat(o.event("scale-out").t()).isEqualTo(660.0);
        int peak = 40 * 60;
        assertThat(o.at(peak, "web").metrics().get("inService"))
                .as("the web group scaled out")
                .isGreaterThan(14.0);
        assertThat(o.at(peak, "web.cpu").utilization()).as("its CPU is idle").isLessThan(0.2);
        assertThat(o.at(peak, "db.lock.auto_inc").utilization())
                .as("while the database's insert lock is saturated")
                .isGreaterThan(0.95);
        assertThat(o.result().summary().availability().overall()).isLessThan(0.99);
    }

    @Test
    void adFarm_holdsItsGoalWithNoQueuedConnections_butHalfTheCacheMemoryBreaksIt() throws Exception {
        Outcome o = run("ad-farm");
        assertThat(o.goalsMet()).isTrue();
        assertThat(o.result().summary().components().get("lb").maxWaiting())
                .as("no queued connection at the balancers")
                .isZero();
        double hit = o.at(900, "cache").metrics().get("hitRatio");

        Outcome half = run("ad-farm", "architecture.cache.memory=6GiB");
        assertThat(half.goalsMet()).isFalse();
        assertThat(half.at(900, "cache").metrics().get("hitRatio"))
                .as("the hit ratio falls")
                .isLessThan(hit - 0.02);
        assertThat(half.at(900, "db-replica-1.cpu").utilization())
                .as("and the replicas saturate")
                .isGreaterThan(0.95);
        assertThat(o.at(900, "db-replica-1.cpu").utilization()).isLessThan(0.8);
    }

    @Test
    void swapInstances_moreOrBiggerWebServersMovePeakThroughputByUnderFivePercent_becauseTheDatabaseIsPegged()
            throws Exception {
        Outcome base = run("swap-instances");
        Outcome doubled = run("swap-instances", "architecture.pool.instances=8");
        Outcome bigger = run("swap-instances", "architecture.pool.type=c5.2xlarge");
        double peak = base.peakThroughput();
        assertThat(doubled.peakThroughput()).isCloseTo(peak, within(peak * 0.05));
        assertThat(bigger.peakThroughput()).isCloseTo(peak, within(peak * 0.05));
        int top = 14 * 60;
        for (Outcome o : List.of(base, doubled, bigger)) {
            assertThat(o.at(top, "db.cpu").utilization()).isGreaterThan(0.95);
            assertThat(o.at(top, "db.connections").utilization()).isGreaterThan(0.99);
            assertThat(o.at(top, "db.connections").waiting()).isGreaterThan(0.0);
        }
        assertThat(doubled.at(top, "web.cpu").utilization()).isLessThan(0.5);
    }

    @Test
    void dosYourself_syntheticOrdersOutgrowTheBufferPool_andTheSameLoadThatPassedBreaksTheGoal() throws Exception {
        Outcome o = run("dos-yourself");
        assertThat(o.goalsMet()).isFalse();
        // Two intervals of the same offered load, one early and one late in the evening.
        TimelineRecord early = o.timeline().get(1800);
        TimelineRecord late = o.timeline().get(12600);
        assertThat(late.offeredPerSecond()).isCloseTo(early.offeredPerSecond(), within(1.0));
        assertThat(early.latencyMillis().p99()).isLessThan(1000.0);
        assertThat(late.latencyMillis().p99()).isGreaterThan(1000.0);
        var earlyDb = o.at(1800, "db.cpu").metrics();
        var lateDb = o.at(12600, "db.cpu").metrics();
        assertThat(lateDb.get("dataGiB")).isGreaterThan(2 * earlyDb.get("dataGiB"));
        assertThat(lateDb.get("bufferPoolHitRatio")).isLessThan(earlyDb.get("bufferPoolHitRatio") - 0.1);
        assertThat(o.at(12600, "db.disk").metrics().get("iops")).isCloseTo(3000.0, within(30.0));

        assertThat(run("dos-yourself", "workload.classes.order.db.rowsAdded=0").goalsMet())
                .as("cleaned up")
                .isTrue();
    }
}
