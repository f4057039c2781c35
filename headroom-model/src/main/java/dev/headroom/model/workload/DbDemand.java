package dev.headroom.model.workload;

/**
 * What one request asks of the database: a number of queries, each with its own CPU time on the
 * database and a number of disk I/O operations (made only when the query misses the cache).
 */
public record DbDemand(int queries, Distribution cpu, int ioPerQuery) {
    public static final DbDemand NONE = new DbDemand(0, new Distribution.Fixed(0), 0);
}
