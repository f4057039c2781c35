package dev.headroom.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run stopped once its goal was lost billed an autoscaling pool only for the part of the profile
 * it covered: a plan prices such a configuration by its estimate, a lower bound of the whole run's
 * bill, not by that part (which would list a dear configuration among the cheap ones).
 */
class ScreenedCostTest {
    static final String SPEC =
            """
            name: impossible-goal
            seed: 3
            goals: { p99: 5ms }
            workload:
              profile: { constant: { rate: 400/s, duration: 5m } }
              classes: [ { name: page, cpu: { exponential: 4ms } } ]
            architecture:
              client: { timeout: 5s }
              lb: { routing: least-outstanding }
              pool:
                instances: 2
                type: c5.large
                workers: 64
                acceptQueue: 128
                autoscaling: { min: 2, max: 4, target: { requests: 100/s } }
            """;

    @Test
    void aScreenedOutConfiguration_isPricedByItsEstimate_notByThePartOfItsRunThatWasBilled() throws Exception {
        List<Dimension> dims = List.of(
                Dimension.parse("architecture.pool.type=c5.large,c5.xlarge", "test"),
                Dimension.parse("architecture.pool.autoscaling.max=4..6", "test"));
        Planner.Request request = new Planner.Request(
                "impossible-goal.yaml", SPEC, Path.of("."), List.of(), dims, 1.0, Planner.Objective.EVENT, false, 3);
        Plan plan;
        try (LocalExecutor ex = new LocalExecutor(2)) {
            plan = Planner.plan(request, ex);
        }

        assertThat(plan.chosen()).isEmpty();
        List<Plan.Candidate> screened = plan.cheaper().stream()
                .filter(k -> k.status() == Plan.Status.SCREENED_OUT)
                .toList();
        assertThat(screened).isNotEmpty();
        for (Plan.Candidate k : screened) {
            Evaluation full = TrialRunner.run(new Trial(request.source(), SPEC, ".", k.values(), 1.0, 3, false, false));
            assertThat(k.evaluation().simulatedSeconds()).isLessThan(full.simulatedSeconds());
            assertThat(k.estimated()).as("%s", k.values()).isTrue();
            assertThat(k.cost())
                    .as("%s", k.values())
                    .isGreaterThan(k.evaluation().eventCost());
            assertThat(k.cost()).as("%s", k.values()).isLessThanOrEqualTo(full.eventCost());
        }
    }
}
