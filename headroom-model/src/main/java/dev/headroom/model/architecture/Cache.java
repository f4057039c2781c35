package dev.headroom.model.architecture;

import dev.headroom.model.workload.Distribution;
import java.util.Optional;

/**
 * A cache in front of the database (memcached): each query looks here first and is served with
 * probability {@code hitRatio}; a lookup takes {@code latency} on one of {@code cores} servers.
 * The hit ratio is either given, or derived from the key population and the memory by Che's
 * approximation ({@code population} says which). {@code nodes} of {@code machine} price it.
 */
public record Cache(
        double hitRatio,
        Distribution latency,
        int cores,
        int nodes,
        Optional<Machine> machine,
        Optional<KeyPopulation> population) {

    /** The keys the cache serves: how many, their Zipf exponent, the size of an item, and the memory they share. */
    public record KeyPopulation(long keys, double zipf, double itemBytes, double memoryGiB) {
        public double capacityKeys() {
            return Math.floor(memoryGiB * 1024 * 1024 * 1024 / itemBytes);
        }
    }
}
