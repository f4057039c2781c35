package dev.headroom.plan;

import java.io.Serializable;
import java.util.List;

/**
 * What one trial found. {@code passed} when every goal held (and, with {@code survive}, held with
 * any one component lost); else {@code goal} is the goal that broke and {@code detail} says by how
 * much. {@code stoppedEarly} when the screening rule ended the run once the goal was lost (the run
 * covered {@code simulatedSeconds} of the profile); otherwise the run was simulated in full.
 * {@code component} is the busiest component and {@code utilization} its mean utilisation;
 * {@code capacityRatio} is the factor by which the peak could grow before that component saturates,
 * by the utilisation law. Costs are the run's bill: the event cost and the steady monthly cost.
 */
public record Evaluation(
        List<String> overrides,
        boolean passed,
        String goal,
        String detail,
        boolean stoppedEarly,
        double simulatedSeconds,
        String component,
        double utilization,
        double capacityRatio,
        double eventCost,
        double steadyMonthly,
        double p99Millis,
        double errorRate,
        long requests)
        implements Serializable {
    public Evaluation {
        overrides = List.copyOf(overrides);
    }
}
