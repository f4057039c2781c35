package dev.headroom.analysis.calibrate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target's metrics calibration reads, by role, with the demo shop's names as defaults
 * (Prometheus text format; see docs/calibrate.md). A role can be mapped to another name for a
 * target that names its metrics differently. Counters are read as rates per second ({@code
 * name/s} in the timeline, or differenced here when the scraper took them for gauges), gauges as
 * read; series of one name with different labels are summed.
 */
public record MetricNames(Map<String, String> byRole) {
    /** Process CPU seconds (counter): busy cores = its rate. */
    public static final String CPU_SECONDS = "cpu-seconds";
    /** Cores the process may use (gauge). */
    public static final String CPU_COUNT = "cpu-count";
    /** Seconds spent in database statements, pool wait excluded (counter). */
    public static final String DB_SECONDS = "db-seconds";
    /** Database statements executed (counter). */
    public static final String DB_QUERIES = "db-queries";
    /** Seconds spent waiting for a pool connection (counter). */
    public static final String POOL_WAIT_SECONDS = "pool-wait-seconds";
    /** Connections in the database pool (gauge). */
    public static final String POOL_SIZE = "pool-size";
    /** Request worker threads (gauge). */
    public static final String WORKERS = "workers";
    /** Requests served, by endpoint label (counter). */
    public static final String REQUESTS = "requests";
    /** Seconds spent serving requests, by endpoint label (counter). */
    public static final String REQUEST_SECONDS = "request-seconds";
    /** Requests timed, by endpoint label (counter). */
    public static final String REQUEST_COUNT = "request-count";

    public static final String ENDPOINT_LABEL = "endpoint";

    public MetricNames {
        byRole = Map.copyOf(byRole);
    }

    /** The demo shop's vocabulary. */
    public static MetricNames shop() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(CPU_SECONDS, "process_cpu_seconds_total");
        m.put(CPU_COUNT, "process_cpu_count");
        m.put(DB_SECONDS, "shop_db_query_seconds_sum");
        m.put(DB_QUERIES, "shop_db_query_seconds_count");
        m.put(POOL_WAIT_SECONDS, "shop_pool_wait_seconds_sum");
        m.put(POOL_SIZE, "shop_pool_size");
        m.put(WORKERS, "shop_worker_threads");
        m.put(REQUESTS, "shop_requests_total");
        m.put(REQUEST_SECONDS, "shop_request_seconds_sum");
        m.put(REQUEST_COUNT, "shop_request_seconds_count");
        return new MetricNames(m);
    }

    public static List<String> roles() {
        return List.copyOf(shop().byRole.keySet());
    }

    public String name(String role) {
        String n = byRole.get(role);
        if (n == null) {
            throw new IllegalArgumentException(
                    "unknown metric role '" + role + "'; valid: " + String.join(", ", roles()));
        }
        return n;
    }

    /** The same names with one role mapped to {@code name}. */
    public MetricNames with(String role, String name) {
        name(role);
        Map<String, String> m = new LinkedHashMap<>(byRole);
        m.put(role, name);
        return new MetricNames(m);
    }
}
