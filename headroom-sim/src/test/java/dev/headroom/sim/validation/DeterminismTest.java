package dev.headroom.sim.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.run.TimelineRecord;
import dev.headroom.model.spec.Spec;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run is a function of its spec and seed (DESIGN.md, simulator principles): the shop model,
 * which takes every path of the engine, is run twice per seed and compared field by field.
 */
class DeterminismTest {
    private static final Spec SHOP = QueueModels.shop();

    private record Run(SimResult result, List<TimelineRecord> timeline) {}

    private static Run run(Spec spec, long seed) {
        List<TimelineRecord> timeline = new ArrayList<>();
        SimResult result = Simulation.run(spec, SimOptions.seeded(seed).withTimeline(timeline::add));
        return new Run(result, timeline);
    }

    @Test
    void sameSeedAndSpec_giveIdenticalSummariesTimelinesAndHistograms() {
        Run first = run(SHOP, 42);
        Run second = run(SHOP, 42);

        assertThat(second.result().summary()).isEqualTo(first.result().summary());
        assertThat(second.timeline()).isEqualTo(first.timeline());
        assertThat(second.result().littlesLaw()).isEqualTo(first.result().littlesLaw());
        assertThat(second.result().latencyMicros()).isEqualTo(first.result().latencyMicros());
        assertThat(second.result().simulatedSeconds()).isEqualTo(first.result().simulatedSeconds());
    }

    @Test
    void watchingTheTimeline_doesNotChangeTheRun() {
        SimResult watched = run(SHOP, 42).result();
        SimResult unwatched = Simulation.run(SHOP, SimOptions.seeded(42));

        assertThat(unwatched.summary()).isEqualTo(watched.summary());
    }

    @Test
    void differentSeeds_giveDifferentRuns() {
        Run first = run(SHOP, 42);
        Run second = run(SHOP, 43);

        assertThat(second.result().summary().requests())
                .isNotEqualTo(first.result().summary().requests());
        assertThat(second.result().summary().latencyMillis())
                .isNotEqualTo(first.result().summary().latencyMillis());
        assertThat(second.timeline()).isNotEqualTo(first.timeline());
    }

    /**
     * Common random numbers: every random source has its own stream, so a what-if on the
     * architecture leaves the arrivals exactly as they were and only the consequences change.
     */
    @Test
    void whatIfOnTheArchitecture_keepsTheSameArrivals() {
        Run base = run(SHOP, 42);
        Run bigger = run(QueueModels.shop("architecture.pool.instances=6"), 42);

        assertThat(arrivalsPerSecond(bigger)).isEqualTo(arrivalsPerSecond(base));
        assertThat(bigger.result().summary().latencyMillis())
                .isNotEqualTo(base.result().summary().latencyMillis());
    }

    private static List<Long> arrivalsPerSecond(Run run) {
        return run.timeline().stream()
                .filter(r -> r.t() < SHOP.workload().profile().durationSeconds())
                .map(TimelineRecord::arrivals)
                .toList();
    }
}
