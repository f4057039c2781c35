package dev.headroom.model.architecture;

import java.util.Optional;

/**
 * Identical web instances. Each has {@code cores} CPUs and {@code workers} request slots (threads
 * or processes, Apache's MaxClients); a request that finds every worker busy waits in the
 * instance's accept queue of at most {@code acceptQueue} entries (the listen backlog), and beyond
 * that the connection is refused. With an instance type, {@code machine} gives its credits and
 * price; {@code dbPool} is each instance's database connection pool, if it has one.
 */
public record Pool(
        String name,
        int instances,
        int cores,
        int workers,
        int acceptQueue,
        Optional<Machine> machine,
        Optional<ConnectionPool> dbPool) {
    public static final int UNLIMITED = Integer.MAX_VALUE;

    /**
     * Each instance's pool of database connections (HikariCP, c3p0): at most {@code size} open at
     * once; a request that finds none free waits up to {@code waitTimeoutNanos} and then fails.
     * Every pool's connections count against the database's max_connections: adding instances adds
     * connections.
     */
    public record ConnectionPool(int size, long waitTimeoutNanos) {}
}
