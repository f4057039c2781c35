package dev.headroom.model.architecture;

import dev.headroom.model.catalog.ManagedBalancer;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A load balancer in front of the pool. With a {@code backendLimit} (HAProxy's maxconn per
 * server) a request that finds every backend full waits in the balancer's queue; beyond
 * {@code queueLimit} it is rejected with a 503. {@code healthCheck} says how soon a backend joins
 * and how soon a dead one is taken out. {@code provider} says what the {@code count} balancers
 * run on, which prices them; without one they are not priced.
 */
public record LoadBalancer(
        Routing routing,
        OptionalInt backendLimit,
        int queueLimit,
        int count,
        HealthCheck healthCheck,
        Optional<Provider> provider) {
    public LoadBalancer(Routing routing, OptionalInt backendLimit, int queueLimit, int count, HealthCheck healthCheck) {
        this(routing, backendLimit, queueLimit, count, healthCheck, Optional.empty());
    }

    public LoadBalancer(Routing routing, OptionalInt backendLimit, int queueLimit, int count) {
        this(routing, backendLimit, queueLimit, count, HealthCheck.DEFAULT);
    }

    /** What a balancer runs on: an instance you run it on (HAProxy on EC2), or a managed one. */
    public sealed interface Provider {}

    /** Balancer software on instances of a type, billed as those instances. */
    public record SelfRun(Machine machine) implements Provider {}

    /**
     * A managed balancer, billed by the hour and for its capacity units, which depend on the
     * traffic: each request carries {@code bytesPerRequest} (request and response), and a client
     * connection carries {@code requestsPerConnection} requests (1: no keep-alive).
     */
    public record Managed(ManagedBalancer type, double bytesPerRequest, double requestsPerConnection)
            implements Provider {}
}
