package dev.headroom.sim.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * No component ever holds more requests than it has servers, nor fewer than none, in any second
 * of an overloaded run; and every request on an instance's cores holds one of its workers. This
 * once failed: a request admitted from the balancer while a freed worker was being handed down
 * the accept queue took the worker, the request at the head of the line ran without one, and the
 * pool's worker count drifted (below zero at the end of the run, more requests on the cores than
 * workers).
 */
class CapacityLimitsTest {
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {11, 12, 13})
    void componentsStayWithinTheirCapacity_everySecondOfAnOverload(long seed) {
        List<TimelineRecord> timeline = new ArrayList<>();
        SimResult result =
                Simulation.run(QueueModels.shop(), SimOptions.seeded(seed).withTimeline(timeline::add));
        Map<String, ComponentSummary> components = result.summary().components();
        long workers = components.get("web").servers();

        double busiestCores = 0;
        for (TimelineRecord r : timeline) {
            for (Map.Entry<String, ComponentSample> e : r.components().entrySet()) {
                long servers = components.get(e.getKey()).servers();
                ComponentSample s = e.getValue();
                assertThat(s.inUse())
                        .as("%s in use at %.0f s", e.getKey(), r.t())
                        .isGreaterThanOrEqualTo(0);
                assertThat(s.waiting())
                        .as("%s waiting at %.0f s", e.getKey(), r.t())
                        .isGreaterThanOrEqualTo(0);
                if (servers > 0) {
                    assertThat(s.inUse())
                            .as("%s in use at %.0f s", e.getKey(), r.t())
                            .isLessThanOrEqualTo(servers);
                }
            }
            ComponentSample cpu = r.components().get("web.cpu");
            busiestCores = Math.max(busiestCores, cpu.inUse() + cpu.waiting());
            assertThat(cpu.inUse() + cpu.waiting())
                    .as("requests on the cores at %.0f s, each holding a worker", r.t())
                    .isLessThanOrEqualTo(workers);
        }
        // The overload must press on the limit for this to test anything.
        assertThat(busiestCores).isGreaterThan(0.9 * workers);
        assertThat(components.get("web").utilization()).isBetween(0.0, 1.0);
    }
}
