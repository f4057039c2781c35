package dev.headroom.model.architecture;

import dev.headroom.model.spec.Defaults;
import dev.headroom.model.units.Quantities;

/**
 * How a balancer decides whether a backend takes traffic: it checks every {@code intervalNanos};
 * a new backend takes traffic after {@code healthyThreshold} passed checks, a dead one is taken out
 * after {@code unhealthyThreshold} failed checks. A backend taken out on purpose (scale-in) drains
 * its connections for at most {@code deregistrationDelayNanos} before it is stopped.
 */
public record HealthCheck(
        long intervalNanos, int healthyThreshold, int unhealthyThreshold, long deregistrationDelayNanos) {
    /** ALB target group defaults (see {@link Defaults}). */
    public static final HealthCheck DEFAULT = new HealthCheck(
            Quantities.durationNanos(Defaults.HEALTH_CHECK_INTERVAL),
            Defaults.HEALTHY_THRESHOLD,
            Defaults.UNHEALTHY_THRESHOLD,
            Quantities.durationNanos(Defaults.DEREGISTRATION_DELAY));

    /** From a backend that starts answering to its first request: the checks it must pass. */
    public long toHealthyNanos() {
        return intervalNanos * healthyThreshold;
    }

    /** From a backend that stops answering to its removal: the checks it must fail. */
    public long toUnhealthyNanos() {
        return intervalNanos * unhealthyThreshold;
    }
}
