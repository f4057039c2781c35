package dev.headroom.model.architecture;

import dev.headroom.model.workload.Distribution;

/**
 * A cache in front of the database: each query looks here first and is served with probability
 * {@code hitRatio}; a lookup takes {@code latency} on one of {@code cores} servers.
 */
public record Cache(double hitRatio, Distribution latency, int cores) {}
