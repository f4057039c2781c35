package dev.headroom.model.workload;

/** Work a request leaves for the queue's workers: CPU on a worker and database work, as a request has. */
public record Job(Distribution cpu, DbDemand db) {}
