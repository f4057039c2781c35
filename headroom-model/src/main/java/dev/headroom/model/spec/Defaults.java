package dev.headroom.model.spec;

/**
 * Every default a spec can leave out, in one place. Each is echoed by {@code headroom defaults}
 * and in the docs, with the reason for its value.
 */
public final class Defaults {
    private Defaults() {}

    /** Clients give up after 30 s (browsers and most HTTP clients wait at least this long). */
    public static final String CLIENT_TIMEOUT = "30s";
    /** First retry after about 100 ms, doubling (with jitter) at each further attempt. */
    public static final String CLIENT_BACKOFF = "100ms";
    /** A classic ELB's surge queue holds 1,024 requests; beyond it, 503 spillover. */
    public static final int LB_QUEUE_LIMIT = 1_024;
    /** Tomcat's default maxThreads. */
    public static final int POOL_WORKERS = 200;
    /** Tomcat's default acceptCount (the listen backlog). */
    public static final int POOL_ACCEPT_QUEUE = 100;

    public static final int POOL_CORES = 1;
    public static final String POOL_NAME = "web";
    /** PostgreSQL's default max_connections. */
    public static final int DB_CONNECTIONS = 100;
    /** Default database engine (its max_connections formula applies when the db names a type). */
    public static final String DB_ENGINE = "postgres";
    /** Publishing a message to a broker on the same network: about a millisecond. */
    public static final String QUEUE_PUBLISH_LATENCY = "1ms";
    /** HikariCP's default maximumPoolSize. */
    public static final int DB_POOL_SIZE = 10;
    /** HikariCP's default connectionTimeout. */
    public static final String DB_POOL_WAIT = "30s";
    /** MySQL 5.7's default innodb_autoinc_lock_mode, "consecutive" (8.0 defaults to 2, "interleaved"). */
    public static final int AUTOINC_LOCK_MODE = 1;
    /** InnoDB's page size. */
    public static final double DB_PAGE_BYTES = 16 * 1024;
    /** An order row with its index entries. */
    public static final double DB_ROW_BYTES = 1024;
    /** Database page popularity: skewed, but less than web objects. */
    public static final double DB_PAGE_ZIPF = 0.8;
    /** EBS SSD volumes: "single-digit millisecond" latency (EBS User Guide); 1 ms is typical. */
    public static final String VOLUME_LATENCY = "1ms";
    /** A memcached get on the same network: about half a millisecond. */
    public static final String CACHE_LATENCY = "500us";

    public static final int CACHE_CORES = 4;
    /** Web object popularity is Zipf-like with an exponent a little under 1 (Breslau et al., INFOCOM 1999). */
    public static final double CACHE_ZIPF = 0.9;
    /** A cached page fragment or row of about a kilobyte, memcached item overhead included. */
    public static final double CACHE_ITEM_BYTES = 1024;

    public static final double CLASS_WEIGHT = 1.0;

    /** One line per default, as {@code headroom defaults} prints them. */
    public static String describe() {
        return String.join(
                System.lineSeparator(),
                "seed                          " + Spec.DEFAULT_SEED + "   (fixed, printed with every run)",
                "workload.arrivals             poisson",
                "workload.profile.scale        1.0",
                "workload.classes[].weight     1",
                "architecture.client.timeout   " + CLIENT_TIMEOUT,
                "architecture.lb.routing       round-robin",
                "architecture.lb.queueLimit    " + LB_QUEUE_LIMIT + "   (classic ELB surge queue)",
                "architecture.lb.backendLimit  unlimited",
                "architecture.pool.name        " + POOL_NAME,
                "architecture.pool.cores       " + POOL_CORES,
                "architecture.pool.workers     " + POOL_WORKERS + "   (Tomcat maxThreads)",
                "architecture.pool.acceptQueue " + POOL_ACCEPT_QUEUE + "   (Tomcat acceptCount)",
                "architecture.cache.latency    " + CACHE_LATENCY,
                "architecture.cache.cores      " + CACHE_CORES,
                "architecture.db.connections   " + DB_CONNECTIONS
                        + "   (PostgreSQL max_connections; with a type: the RDS formula)",
                "architecture.db.engine        " + DB_ENGINE,
                "architecture.db.volume.latency " + VOLUME_LATENCY,
                "<node>.creditMode             standard for t2, unlimited for t3 (EC2 defaults)",
                "<node>.initialCredits         max   (a long-running instance; 'launch' for a fresh one)");
    }
}
