package dev.headroom.model.catalog;

import java.util.List;
import java.util.Locale;

/**
 * Default {@code max_connections} of a database engine from the instance's memory, by the formulas
 * of the Amazon RDS parameter groups (Amazon RDS User Guide, "Maximum number of database
 * connections"): MySQL and MariaDB {@code {DBInstanceClassMemory/12582880}}, PostgreSQL
 * {@code LEAST({DBInstanceClassMemory/9531392}, 5000)}. RDS's DBInstanceClassMemory is the
 * instance's memory less what the operating system and RDS reserve; Headroom uses the full
 * memory, so its figures are a little above RDS's (by the reserve, a few percent). MongoDB has
 * no such formula: its default limit is 65,536 incoming connections ({@code net.maxIncomingConnections}).
 */
public final class RdsConnections {
    public static final List<String> ENGINES = List.of("mysql", "mariadb", "postgres", "mongodb");

    private RdsConnections() {}

    public static int defaultFor(String engine, double memoryGiB) {
        double bytes = memoryGiB * 1024 * 1024 * 1024;
        return switch (engine.toLowerCase(Locale.ROOT)) {
            case "mysql", "mariadb" -> (int) Math.floor(bytes / 12_582_880.0);
            case "postgres" -> (int) Math.min(Math.floor(bytes / 9_531_392.0), 5000);
            case "mongodb" -> 65_536;
            default -> throw new IllegalArgumentException("unknown engine " + engine);
        };
    }
}
