package dev.headroom.model.workload;

import java.util.List;
import java.util.Optional;

/**
 * A named kind of request with a weight in the mix, its demands on each tier, the named locks it
 * holds (one after another, after its CPU work and before its database queries), and the job it
 * leaves for the queue's workers, if any.
 */
public record RequestClass(
        String name, double weight, Distribution cpu, DbDemand db, Optional<Job> job, List<NamedLock> locks) {
    public RequestClass {
        locks = List.copyOf(locks);
    }

    public RequestClass(String name, double weight, Distribution cpu, DbDemand db) {
        this(name, weight, cpu, db, Optional.empty(), List.of());
    }
}
