package dev.headroom.model.architecture;

/** A database disk: at most {@code iops} operations per second, each taking {@code latencyNanos} once issued. */
public record Disk(double iops, long latencyNanos) {}
