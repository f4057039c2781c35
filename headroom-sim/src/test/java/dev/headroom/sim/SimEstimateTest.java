package dev.headroom.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SimEstimateTest {
    private static final String SPEC =
            """
            workload:
              profile:
                scale: 2
                phases:
                  - constant: { rate: 100/s, duration: 10m }
                  - ramp: { from: 100/s, to: 300/s, duration: 10m }
              classes: [ { name: a, cpu: 1ms }, { name: b, cpu: 2ms } ]
            architecture:
              client: { timeout: 20s }
              lb: {}
              pool: { instances: 2, autoscaling: { min: 2, max: 40, target: { cpu: 50% } } }
            """;

    private static Spec spec() throws Exception {
        return SpecLoader.parse("t.yaml", SPEC, List.of(), Path.of("."));
    }

    @Test
    void requests_areTheIntegralOfTheScaledRate_overTheSimulatedTime() throws Exception {
        SimEstimate all = SimEstimate.of(spec(), OptionalDouble.empty());
        SimEstimate first = SimEstimate.of(spec(), OptionalDouble.of(300));

        // 2 x (100/s x 600 s + 200/s x 600 s) = 360,000; the first 5 minutes: 2 x 100/s x 300 s.
        assertThat(all.requests()).isCloseTo(360_000, within(1.0));
        assertThat(first.requests()).isCloseTo(60_000, within(1.0));
        assertThat(all.cpuSeconds()).isCloseTo(0.12, within(1e-6));
    }

    @Test
    void memory_holdsThePeakForTheClientTimeout_plusClassesAndTheLargestFleet() throws Exception {
        SimEstimate e = SimEstimate.of(spec(), OptionalDouble.empty());

        // The scaled peak, 600/s, held for the 20 s timeout.
        assertThat(e.inFlight()).isCloseTo(12_000, within(1.0));
        assertThat(e.bytes())
                .isCloseTo(
                        SimEstimate.BASE_BYTES
                                + 12_000 * SimEstimate.BYTES_PER_IN_FLIGHT
                                + 2 * SimEstimate.BYTES_PER_CLASS
                                + 40 * SimEstimate.BYTES_PER_INSTANCE,
                        within(1.0));
    }

    @Test
    void aRunShorterThanTheTimeout_holdsNoMoreThanItsOwnArrivals() throws Exception {
        SimEstimate e = SimEstimate.of(spec(), OptionalDouble.of(5));

        assertThat(e.requests()).isCloseTo(1_000, within(1.0));
        assertThat(e.inFlight()).isCloseTo(1_000, within(1.0));
    }
}
