package dev.headroom.model.workload;

/** A named kind of request with a weight in the mix and its demands on each tier. */
public record RequestClass(String name, double weight, Distribution cpu, DbDemand db) {}
