package dev.headroom.model.architecture;

import java.util.List;
import java.util.Optional;

/**
 * Identical web instances. Each has {@code cores} CPUs and {@code workers} request slots (threads
 * or processes, Apache's MaxClients); a request that finds every worker busy waits in the
 * instance's accept queue of at most {@code acceptQueue} entries (the listen backlog), and beyond
 * that the connection is refused. With an instance type, {@code machine} gives its credits and
 * price; {@code dbPool} is each instance's database connection pool, if it has one. Instances are
 * spread round robin over {@code zones} (availability zones); {@code autoscaling} makes the pool
 * an auto scaling group starting at {@code instances}.
 */
public record Pool(
        String name,
        int instances,
        int cores,
        int workers,
        int acceptQueue,
        Optional<Machine> machine,
        Optional<ConnectionPool> dbPool,
        Optional<Autoscaling> autoscaling,
        List<String> zones) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public Pool {
        zones = List.copyOf(zones);
    }

    /** A fixed pool in one availability zone. */
    public Pool(
            String name,
            int instances,
            int cores,
            int workers,
            int acceptQueue,
            Optional<Machine> machine,
            Optional<ConnectionPool> dbPool) {
        this(name, instances, cores, workers, acceptQueue, machine, dbPool, Optional.empty(), List.of("a"));
    }

    /** The most instances the pool can have at once: its group's max, else its count. */
    public int maxInstances() {
        return autoscaling.map(Autoscaling::max).orElse(instances);
    }

    /**
     * Each instance's pool of database connections (HikariCP, c3p0): at most {@code size} open at
     * once; a request that finds none free waits up to {@code waitTimeoutNanos} and then fails.
     * Every pool's connections count against the database's max_connections: adding instances adds
     * connections.
     */
    public record ConnectionPool(int size, long waitTimeoutNanos) {}
}
