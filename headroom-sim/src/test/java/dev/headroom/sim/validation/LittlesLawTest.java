package dev.headroom.sim.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.sim.LittlesLaw;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Little's law L = lambda W on every component of the shop model. Measured over a whole run that
 * starts and ends empty, it is not a statistical statement but a sample-path identity: the area
 * under the number-inside curve equals the sum of the residence times (Little 1961; El-Taha and
 * Stidham, Sample-Path Analysis of Queueing Systems, 1999). So the tolerance is floating-point
 * noise, and any real gap means a component counts a request in or out without the other.
 */
class LittlesLawTest {
    /** Sums of ~10^6 doubles of ~10^7 ns each lose far less than this; one lost request costs ~10^-6. */
    private static final double TOLERANCE = 1e-9;

    /**
     * The balancer's backend limit (40 per instance) is below what an instance holds (32 workers
     * plus 16 in the accept queue), so the overload queues at the balancer; without a backend
     * limit, and with impatient clients, it queues and overflows at the instances instead. The two
     * cannot happen in one run.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "queueing at the balancer  | -                                                                    | timeout,spillover",
                "queueing at the instances | architecture.lb.backendLimit=unlimited,architecture.client.timeout=80ms | timeout,accept-queue-full"
            })
    void littlesLaw_holdsOnEveryComponent_throughOverloadTimeoutsAndDrops(
            String story, String overrides, String expectedErrors) {
        String[] sets = overrides.equals("-") ? new String[0] : overrides.split(",");
        SimResult result = Simulation.run(QueueModels.shop(sets), SimOptions.seeded(11));

        // The model must really take the paths that could unbalance the books.
        System.out.println("shop, " + story + ": errors " + result.summary().errors());
        assertThat(result.summary().errors()).containsKeys(expectedErrors.split(","));
        assertThat(result.littlesLaw())
                .extracting(LittlesLaw::component)
                .containsExactlyInAnyOrder("lb", "web", "web.cpu", "cache", "db.connections", "db.cpu", "db.disk");
        for (LittlesLaw law : result.littlesLaw()) {
            System.out.printf(
                    Locale.US,
                    "Little's law %-16s L %.6f, lambda W %.6f, relative error %.2e%n",
                    law.component(),
                    law.meanInSystem(),
                    law.departuresPerSecond() * law.meanResidenceSeconds(),
                    law.relativeError());
            assertThat(law.meanInSystem()).as(law.component() + " is used").isPositive();
            assertThat(law.relativeError()).as(law.component()).isLessThan(TOLERANCE);
        }
    }
}
