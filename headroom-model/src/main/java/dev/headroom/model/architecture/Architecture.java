package dev.headroom.model.architecture;

import java.util.Optional;

/**
 * The described system: clients, an optional balancer, the web pool, an optional cache and
 * database, and an optional message queue with its workers.
 */
public record Architecture(
        Client client,
        Optional<LoadBalancer> lb,
        Pool pool,
        Optional<Cache> cache,
        Optional<Database> db,
        Optional<MessageQueue> queue) {}
