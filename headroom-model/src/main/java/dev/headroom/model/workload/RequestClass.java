package dev.headroom.model.workload;

import java.util.Optional;

/**
 * A named kind of request with a weight in the mix, its demands on each tier, and the job it
 * leaves for the queue's workers, if any.
 */
public record RequestClass(String name, double weight, Distribution cpu, DbDemand db, Optional<Job> job) {
    public RequestClass(String name, double weight, Distribution cpu, DbDemand db) {
        this(name, weight, cpu, db, Optional.empty());
    }
}
