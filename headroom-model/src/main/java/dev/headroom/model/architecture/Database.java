package dev.headroom.model.architecture;

import java.util.Optional;

/**
 * A database server: at most {@code connections} connections (a request holds one while it uses
 * the database's CPU and disk), {@code cores} CPUs, and an optional disk.
 */
public record Database(int connections, int cores, Optional<Disk> disk) {}
