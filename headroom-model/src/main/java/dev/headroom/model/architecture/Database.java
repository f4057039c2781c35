package dev.headroom.model.architecture;

import java.util.Optional;

/**
 * A database server: at most {@code connections} connections (a request holds one while it uses
 * the database's CPU and disk), {@code cores} CPUs, an optional disk, and the machine it runs on
 * if the spec names an instance type.
 */
public record Database(String engine, int connections, int cores, Optional<Disk> disk, Optional<Machine> machine) {}
