package dev.headroom.model.architecture;

import java.util.Optional;

/**
 * Identical web instances. Each has {@code cores} CPUs and {@code workers} request slots (threads
 * or processes, Apache's MaxClients); a request that finds every worker busy waits in the
 * instance's accept queue of at most {@code acceptQueue} entries (the listen backlog), and beyond
 * that the connection is refused. With an instance type, {@code machine} gives its credits and
 * price.
 */
public record Pool(String name, int instances, int cores, int workers, int acceptQueue, Optional<Machine> machine) {
    public static final int UNLIMITED = Integer.MAX_VALUE;
}
