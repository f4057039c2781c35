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
    /**
     * Bytes a managed balancer processes per request, request and response with their headers: an
     * assumption (a small page or JSON response), for its capacity units; give the spec's own.
     */
    public static final String LB_BYTES_PER_REQUEST = "10KiB";
    /** No keep-alive: each request opens a connection, the most a balancer bills for new connections. */
    public static final int LB_REQUESTS_PER_CONNECTION = 1;
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

    /** Availability zones of a pool: one, unless the spec spreads it. */
    public static final String POOL_ZONE = "a";
    /**
     * Target tracking on EC2 Auto Scaling: 1-minute metrics; the scale-out alarm needs 3 datapoints
     * over the target, the scale-in alarm 15 under it (EC2 Auto Scaling User Guide, "Target tracking
     * scaling policies"; the alarms it creates are visible in CloudWatch).
     */
    public static final String SCALING_METRIC_PERIOD = "60s";

    public static final int SCALE_OUT_PERIODS = 3;
    public static final int SCALE_IN_PERIODS = 15;
    /** EC2 Auto Scaling's default cooldown (User Guide, "Scaling cooldowns"): 300 s. */
    public static final String SCALING_COOLDOWN = "300s";
    /** EC2 Auto Scaling's recommended default instance warmup (User Guide, "Set the default instance warmup"): 300 s. */
    public static final String SCALING_WARMUP = "300s";
    /** An EC2 Linux instance from launch to serving: on the order of 1 to 2 minutes; 90 s. */
    public static final String INSTANCE_BOOT = "90s";
    /** ALB target group health checks (ELB User Guide, "Health checks for your target groups"): every 30 s. */
    public static final String HEALTH_CHECK_INTERVAL = "30s";
    /** ALB target group: 5 consecutive passed checks make a target healthy. */
    public static final int HEALTHY_THRESHOLD = 5;
    /** ALB target group: 2 consecutive failed checks make a target unhealthy. */
    public static final int UNHEALTHY_THRESHOLD = 2;
    /** ALB target group deregistration delay (connection draining): 300 s. */
    public static final String DEREGISTRATION_DELAY = "300s";
    /** RDS Multi-AZ failover "typically completes within 60-120 seconds" (RDS User Guide); 90 s. */
    public static final String DB_FAILOVER = "90s";
    /** The availability a run is held to when its goals set no error rate: 99.9%. */
    public static final double AVAILABILITY_TARGET = 0.999;

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
                "architecture.lb.bytesPerRequest " + LB_BYTES_PER_REQUEST
                        + "   (alb, nlb, clb: an assumption, for capacity units)",
                "architecture.lb.requestsPerConnection " + LB_REQUESTS_PER_CONNECTION + "   (no keep-alive)",
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
                "<node>.creditMode             standard for t2, unlimited for t3, t4g and RDS (AWS defaults)",
                "<node>.initialCredits         max   (a long-running instance; 'launch' for a fresh one)",
                "architecture.pool.zones       [" + POOL_ZONE + "]",
                "architecture.pool.autoscaling.metricPeriod    " + SCALING_METRIC_PERIOD
                        + "   (EC2 Auto Scaling target tracking: 1-minute metrics)",
                "architecture.pool.autoscaling.scaleOutPeriods " + SCALE_OUT_PERIODS
                        + "   (target tracking's scale-out alarm: 3 datapoints)",
                "architecture.pool.autoscaling.scaleInPeriods  " + SCALE_IN_PERIODS
                        + "  (target tracking's scale-in alarm: 15 datapoints)",
                "architecture.pool.autoscaling.cooldown        " + SCALING_COOLDOWN
                        + "  (EC2 Auto Scaling default cooldown)",
                "architecture.pool.autoscaling.warmup          " + SCALING_WARMUP
                        + "  (EC2 Auto Scaling default instance warmup)",
                "architecture.pool.autoscaling.boot            " + INSTANCE_BOOT
                        + "   (EC2 launch to serving: 1-2 minutes)",
                "architecture.lb.healthCheck.interval          " + HEALTH_CHECK_INTERVAL
                        + "   (ALB target group default)",
                "architecture.lb.healthCheck.healthy           " + HEALTHY_THRESHOLD + "     (ALB healthy threshold)",
                "architecture.lb.healthCheck.unhealthy         " + UNHEALTHY_THRESHOLD
                        + "     (ALB unhealthy threshold)",
                "architecture.lb.deregistrationDelay           " + DEREGISTRATION_DELAY
                        + "  (ALB deregistration delay: connection draining)",
                "architecture.db.failover                      " + DB_FAILOVER
                        + "   (RDS Multi-AZ failover: typically 60-120 s)",
                "architecture.db.multiAz                       false (Single-AZ; RDS classes only)",
                "availability target without an errors goal    99.9%");
    }
}
