package dev.headroom.model.architecture;

import java.util.OptionalInt;

/**
 * A load balancer in front of the pool. With a {@code backendLimit} (HAProxy's maxconn per
 * server) a request that finds every backend full waits in the balancer's queue; beyond
 * {@code queueLimit} it is rejected with a 503. {@code healthCheck} says how soon a backend joins
 * and how soon a dead one is taken out.
 */
public record LoadBalancer(
        Routing routing, OptionalInt backendLimit, int queueLimit, int count, HealthCheck healthCheck) {
    public LoadBalancer(Routing routing, OptionalInt backendLimit, int queueLimit, int count) {
        this(routing, backendLimit, queueLimit, count, HealthCheck.DEFAULT);
    }
}
