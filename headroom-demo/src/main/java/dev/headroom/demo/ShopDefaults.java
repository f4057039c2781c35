package dev.headroom.demo;

import java.time.Duration;
import java.util.List;

/** Every default of the demo shop, in one place (shown by {@code headroom shop --help}). */
public final class ShopDefaults {
    private ShopDefaults() {}

    /** The port of {@code headroom shop} and of {@code examples/demo/shop.yaml}; the Java API defaults to ephemeral. */
    public static final int PORT = 8080;

    /** The H2 TCP port of {@code headroom shop} and of the bundled scenario's cleanup. */
    public static final int H2_TCP_PORT = 9093;

    public static final String H2_NAME = "shop";

    /** Small on purpose: the pool is the demo's bottleneck. */
    public static final int POOL_SIZE = 4;

    /** How long a request waits for a connection before the shop answers 503. */
    public static final Duration POOL_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Added to every statement and commit while the connection is held. The embedded database
     * answers in microseconds from the same process; a real database sits across a network, where a
     * round trip plus the server's work take milliseconds. Without it the shop's bottleneck on a
     * 2-core machine would be the CPU it shares with the load generator, not the pool.
     */
    public static final Duration DB_ROUND_TRIP = Duration.ofMillis(5);

    public static final int WORKER_THREADS = 32;

    public static final String TABLE_PREFIX = "shop_";

    public static final String TAG_HEADER = "X-Headroom-Run";

    /**
     * How long a login lasts, counted from the login. A journey with think times takes seconds to a
     * minute; ten minutes leaves room for slow ones without keeping abandoned sessions for long.
     */
    public static final Duration SESSION_TTL = Duration.ofMinutes(10);

    /**
     * Sessions kept in memory at once; when full, a login drops the oldest one. A session with a full
     * basket is well under 2 KB, so the store stays under about 20 MB however many logins arrive.
     */
    public static final int MAX_SESSIONS = 10_000;

    /** Different items in one basket: the menu has 20. */
    public static final int MAX_BASKET_LINES = 20;

    /** Of one item in a basket or an order line (the same bound as POST /orders). */
    public static final int MAX_QUANTITY = 100;

    public static List<String> describe() {
        return List.of(
                "port            " + PORT + " (headroom shop; 0 = any free port)",
                "database        embedded H2 in memory '" + H2_NAME + "', TCP server on 127.0.0.1:" + H2_TCP_PORT,
                "pool size       " + POOL_SIZE + " connections (HikariCP), wait at most " + POOL_TIMEOUT.toMillis()
                        + "ms",
                "db round trip   " + DB_ROUND_TRIP.toMillis() + "ms per statement and commit",
                "worker threads  " + WORKER_THREADS,
                "table prefix    " + TABLE_PREFIX,
                "run tag header  " + TAG_HEADER,
                "sessions        in memory, " + SESSION_TTL.toSeconds() + "s from login, at most " + MAX_SESSIONS
                        + " (the oldest dropped when full)",
                "basket          at most " + MAX_BASKET_LINES + " items, " + MAX_QUANTITY + " of each");
    }
}
