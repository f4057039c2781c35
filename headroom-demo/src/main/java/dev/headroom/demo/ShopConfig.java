package dev.headroom.demo;

import java.time.Duration;

/**
 * How the demo shop runs. It always listens on 127.0.0.1; {@code port} 0 takes an ephemeral port.
 * {@code jdbcUrl} null means the embedded H2 database, in memory, named {@code h2Name}; then
 * {@code h2TcpPort} (0 ephemeral, -1 none) opens H2's TCP server on loopback so another process
 * (a later {@code headroom cleanup}) can count and delete rows. {@code tablePrefix} lets several
 * shops share one database server. {@code dbRoundTrip} is added to every statement and commit while
 * the connection is held: see {@link ShopDefaults#DB_ROUND_TRIP} for why.
 */
public record ShopConfig(
        int port,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        String h2Name,
        int h2TcpPort,
        int poolSize,
        Duration poolTimeout,
        Duration dbRoundTrip,
        int workerThreads,
        String tablePrefix,
        String tagHeader) {

    public ShopConfig {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        if (poolSize < 1 || workerThreads < 1) {
            throw new IllegalArgumentException("poolSize and workerThreads must be at least 1");
        }
        if (!tablePrefix.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException(
                    "tablePrefix must be letters, digits and _ (starting with a letter), was '" + tablePrefix + "'");
        }
        if (dbRoundTrip.isNegative() || poolTimeout.isNegative() || poolTimeout.isZero()) {
            throw new IllegalArgumentException("dbRoundTrip must be >= 0 and poolTimeout > 0");
        }
    }

    /** The defaults of {@link ShopDefaults}: embedded H2, an ephemeral port, no TCP server. */
    public static ShopConfig defaults() {
        return new ShopConfig(
                0,
                null,
                "",
                "",
                ShopDefaults.H2_NAME,
                -1,
                ShopDefaults.POOL_SIZE,
                ShopDefaults.POOL_TIMEOUT,
                ShopDefaults.DB_ROUND_TRIP,
                ShopDefaults.WORKER_THREADS,
                ShopDefaults.TABLE_PREFIX,
                ShopDefaults.TAG_HEADER);
    }

    public ShopConfig withPort(int p) {
        return new ShopConfig(
                p,
                jdbcUrl,
                dbUser,
                dbPassword,
                h2Name,
                h2TcpPort,
                poolSize,
                poolTimeout,
                dbRoundTrip,
                workerThreads,
                tablePrefix,
                tagHeader);
    }

    public ShopConfig withDatabase(String url, String user, String password) {
        return new ShopConfig(
                port,
                url,
                user,
                password,
                h2Name,
                h2TcpPort,
                poolSize,
                poolTimeout,
                dbRoundTrip,
                workerThreads,
                tablePrefix,
                tagHeader);
    }

    public ShopConfig withH2(String name, int tcpPort) {
        return new ShopConfig(
                port,
                jdbcUrl,
                dbUser,
                dbPassword,
                name,
                tcpPort,
                poolSize,
                poolTimeout,
                dbRoundTrip,
                workerThreads,
                tablePrefix,
                tagHeader);
    }

    public ShopConfig withPoolSize(int size) {
        return new ShopConfig(
                port,
                jdbcUrl,
                dbUser,
                dbPassword,
                h2Name,
                h2TcpPort,
                size,
                poolTimeout,
                dbRoundTrip,
                workerThreads,
                tablePrefix,
                tagHeader);
    }

    public ShopConfig withDbRoundTrip(Duration d) {
        return new ShopConfig(
                port,
                jdbcUrl,
                dbUser,
                dbPassword,
                h2Name,
                h2TcpPort,
                poolSize,
                poolTimeout,
                d,
                workerThreads,
                tablePrefix,
                tagHeader);
    }

    public ShopConfig withWorkerThreads(int n) {
        return new ShopConfig(
                port,
                jdbcUrl,
                dbUser,
                dbPassword,
                h2Name,
                h2TcpPort,
                poolSize,
                poolTimeout,
                dbRoundTrip,
                n,
                tablePrefix,
                tagHeader);
    }

    public ShopConfig withTablePrefix(String prefix) {
        return new ShopConfig(
                port,
                jdbcUrl,
                dbUser,
                dbPassword,
                h2Name,
                h2TcpPort,
                poolSize,
                poolTimeout,
                dbRoundTrip,
                workerThreads,
                prefix,
                tagHeader);
    }

    public boolean embedded() {
        return jdbcUrl == null;
    }
}
