package dev.headroom.model.architecture;

import dev.headroom.model.spec.Defaults;
import dev.headroom.model.units.Quantities;
import java.util.Optional;

/**
 * A database tier. Each node (the primary of each shard, and its read replicas) has
 * {@code connections} connections (a request holds one while it uses the node's CPU and disk),
 * {@code cores} CPUs and an optional disk, on the machine the spec names. Reads go to a replica
 * when there are any, writes to the primary; replicas apply every write on one thread, and fall
 * behind (replication lag) when that thread cannot keep up. Requests are spread over
 * {@code shards} by key. In MySQL's traditional AUTO_INC lock mode ({@code autoincLockMode: 0})
 * every insert holds a table lock for the statement, which serialises inserts. When a primary
 * fails, a replica takes its place after {@code failoverNanos}; without replicas it is an outage,
 * unless the database is an RDS Multi-AZ deployment ({@code multiAz}): its standby in another zone
 * takes over after the same failover time. The standby serves no reads; it costs a second primary.
 */
public record Database(
        String engine,
        int connections,
        int cores,
        Optional<Disk> disk,
        Optional<Machine> machine,
        int replicas,
        int shards,
        int autoincLockMode,
        Optional<BufferPool> bufferPool,
        long failoverNanos,
        boolean multiAz) {
    /** A Single-AZ database with the default failover time. */
    public Database(
            String engine,
            int connections,
            int cores,
            Optional<Disk> disk,
            Optional<Machine> machine,
            int replicas,
            int shards,
            int autoincLockMode,
            Optional<BufferPool> bufferPool) {
        this(
                engine,
                connections,
                cores,
                disk,
                machine,
                replicas,
                shards,
                autoincLockMode,
                bufferPool,
                Quantities.durationNanos(Defaults.DB_FAILOVER),
                false);
    }

    /**
     * The buffer pool: {@code sizeGiB} of memory caching pages of {@code pageBytes} out of a data
     * set of {@code dataGiB} that grows by {@code rowBytes} for every row added. Page popularity is
     * Zipf with exponent {@code zipf}; the hit ratio follows from Che's approximation, so it falls
     * as the data outgrows the memory.
     */
    public record BufferPool(double sizeGiB, double dataGiB, double rowBytes, double pageBytes, double zipf) {}
}
