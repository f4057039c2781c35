package dev.headroom.load.guard;

import dev.headroom.model.goal.Goals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The goals a scenario's thresholds amount to, for the run record: {@code p99 < 300ms} is a p99
 * goal of 300 ms and {@code errors < 1%} an error-rate goal of 1%. Only upper bounds on latency
 * percentiles (from the due time) and on errors map onto goals; the other thresholds (service
 * time, lag, throughput) are judged by the load generator alone.
 */
public final class ThresholdGoals {
    private ThresholdGoals() {}

    public static Goals of(List<Rule> thresholds) {
        Map<String, Double> latency = new LinkedHashMap<>();
        OptionalDouble errors = OptionalDouble.empty();
        for (Rule r : thresholds) {
            if (r.op() != Rule.Op.LT && r.op() != Rule.Op.LE) {
                continue;
            }
            String goal =
                    switch (r.metric()) {
                        case P50 -> "p50";
                        case P90 -> "p90";
                        case P99 -> "p99";
                        case P999 -> "p999";
                        case MAX -> "max";
                        default -> null;
                    };
            if (goal != null) {
                latency.merge(goal, r.value(), Math::min);
            } else if (r.metric() == Metric.ERRORS) {
                errors = OptionalDouble.of(errors.isPresent() ? Math.min(errors.getAsDouble(), r.value()) : r.value());
            }
        }
        return new Goals(latency, errors);
    }
}
