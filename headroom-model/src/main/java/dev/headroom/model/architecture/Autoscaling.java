package dev.headroom.model.architecture;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * An auto scaling group around the pool: between {@code min} and {@code max} instances, moved by a
 * target-tracking policy, step policies and scheduled actions. Its lag is what makes it realistic:
 * the metric is averaged over {@code metricPeriodNanos}; a policy acts after
 * {@code scaleOutPeriods} (or {@code scaleInPeriods}) periods in a row past its threshold; a new
 * instance boots for {@code bootNanos}, then must pass the balancer's health checks; its metrics
 * are left out for {@code warmupNanos} after it takes traffic, during which nothing scales in;
 * after a scale-in, the next waits {@code cooldownNanos}.
 */
public record Autoscaling(
        int min,
        int max,
        Optional<Target> target,
        List<Step> steps,
        List<Scheduled> schedule,
        long metricPeriodNanos,
        int scaleOutPeriods,
        int scaleInPeriods,
        long cooldownNanos,
        long warmupNanos,
        long bootNanos) {
    public Autoscaling {
        steps = List.copyOf(steps);
        schedule = List.copyOf(schedule);
    }

    /** What a policy watches: average CPU utilisation of the group, or requests per instance per second. */
    public enum Metric {
        CPU("average CPU"),
        REQUESTS("requests per instance");

        private final String label;

        Metric(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** Target tracking: keep {@code metric} at {@code value} (a fraction for CPU, per second for requests). */
    public record Target(Metric metric, double value) {}

    /**
     * A step: when {@code metric} is above (or below) {@code threshold} for the evaluation periods,
     * change the desired count by {@code change} (negative to remove).
     */
    public record Step(Metric metric, boolean above, double threshold, int change) {}

    /** A scheduled action at {@code atNanos} from the start: new bounds and desired count, each optional. */
    public record Scheduled(long atNanos, OptionalInt min, OptionalInt max, OptionalInt desired) {}
}
