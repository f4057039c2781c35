package dev.headroom.demo;

import com.zaxxer.hikari.HikariPoolMXBean;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The shop's own measurements, rendered in the Prometheus text format 0.0.4 at {@code /metrics}.
 * Times are kept in nanoseconds and shown in seconds. Request latency counts from the moment the
 * handler starts to the moment the response is sent (not the time queued for a worker thread).
 */
final class ShopMetrics {
    static final List<String> ENDPOINTS = List.of(
            "menu",
            "item",
            "order",
            "order_status",
            "report",
            "cleanup",
            "health",
            "login",
            "basket_add",
            "basket",
            "checkout",
            "not_found");

    /** Upper bounds of the latency buckets, in seconds. */
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private final Map<String, Endpoint> endpoints = new LinkedHashMap<>();
    private final LongAdder dbNanos = new LongAdder();
    private final LongAdder dbCount = new LongAdder();
    private final LongAdder poolWaitNanos = new LongAdder();
    private final LongAdder poolWaitCount = new LongAdder();
    private final AtomicInteger inflight = new AtomicInteger();
    private final com.sun.management.OperatingSystemMXBean os;

    private static final class Endpoint {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
        final LongAdder[] buckets = new LongAdder[BUCKETS.length];

        Endpoint() {
            for (int i = 0; i < buckets.length; i++) {
                buckets[i] = new LongAdder();
            }
        }
    }

    ShopMetrics() {
        for (String e : ENDPOINTS) {
            endpoints.put(e, new Endpoint());
        }
        os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    }

    void started() {
        inflight.incrementAndGet();
    }

    void finished(String endpoint, long nanos) {
        inflight.decrementAndGet();
        Endpoint e = endpoints.get(endpoint);
        e.count.increment();
        e.nanos.add(nanos);
        double seconds = nanos / 1e9;
        for (int i = 0; i < BUCKETS.length; i++) {
            if (seconds <= BUCKETS[i]) {
                e.buckets[i].increment();
            }
        }
    }

    void query(long nanos) {
        dbNanos.add(nanos);
        dbCount.increment();
    }

    void poolWait(long nanos) {
        poolWaitNanos.add(nanos);
        poolWaitCount.increment();
    }

    String render(HikariPoolMXBean pool, int workerThreads, Sessions sessions) {
        StringBuilder out = new StringBuilder(4096);
        type(out, "shop_requests_total", "counter", "Requests answered, by endpoint.");
        for (Map.Entry<String, Endpoint> e : endpoints.entrySet()) {
            sample(
                    out,
                    "shop_requests_total",
                    label(e.getKey()),
                    e.getValue().count.sum());
        }
        type(out, "shop_request_seconds", "histogram", "Time from handler start to response sent, by endpoint.");
        for (Map.Entry<String, Endpoint> e : endpoints.entrySet()) {
            Endpoint ep = e.getValue();
            long count = ep.count.sum();
            for (int i = 0; i < BUCKETS.length; i++) {
                sample(
                        out,
                        "shop_request_seconds_bucket",
                        label(e.getKey()) + ",le=\"" + number(BUCKETS[i]) + "\"",
                        ep.buckets[i].sum());
            }
            sample(out, "shop_request_seconds_bucket", label(e.getKey()) + ",le=\"+Inf\"", count);
            sample(out, "shop_request_seconds_sum", label(e.getKey()), ep.nanos.sum() / 1e9);
            sample(out, "shop_request_seconds_count", label(e.getKey()), count);
        }
        gauge(out, "shop_pool_active", "Connections in use (HikariCP).", pool.getActiveConnections());
        gauge(out, "shop_pool_idle", "Connections idle in the pool (HikariCP).", pool.getIdleConnections());
        gauge(
                out,
                "shop_pool_waiting",
                "Threads waiting for a connection (HikariCP).",
                pool.getThreadsAwaitingConnection());
        gauge(out, "shop_pool_size", "Connections open, active and idle (HikariCP).", pool.getTotalConnections());
        type(out, "shop_db_query_seconds", "summary", "Time in JDBC statements and commits, connection held.");
        sample(out, "shop_db_query_seconds_sum", "", dbNanos.sum() / 1e9);
        sample(out, "shop_db_query_seconds_count", "", dbCount.sum());
        type(out, "shop_pool_wait_seconds", "summary", "Time to get a connection from the pool.");
        sample(out, "shop_pool_wait_seconds_sum", "", poolWaitNanos.sum() / 1e9);
        sample(out, "shop_pool_wait_seconds_count", "", poolWaitCount.sum());
        type(out, "process_cpu_seconds_total", "counter", "CPU time of the shop's process (all its threads).");
        sample(out, "process_cpu_seconds_total", "", os.getProcessCpuTime() / 1e9);
        gauge(out, "process_cpu_count", "Processors available to the JVM.", os.getAvailableProcessors());
        gauge(out, "shop_worker_threads", "HTTP worker threads.", workerThreads);
        gauge(out, "shop_inflight", "Requests being handled now.", inflight.get());
        gauge(out, "shop_sessions", "Logins kept in memory now (expired ones dropped).", sessions.size());
        type(out, "shop_sessions_evicted_total", "counter", "Live sessions dropped because the store was full.");
        sample(out, "shop_sessions_evicted_total", "", sessions.evicted());
        return out.toString();
    }

    private static String label(String endpoint) {
        return "endpoint=\"" + endpoint + "\"";
    }

    private static void type(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void gauge(StringBuilder out, String name, String help, double value) {
        type(out, name, "gauge", help);
        sample(out, name, "", value);
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name);
        if (!labels.isEmpty()) {
            out.append('{').append(labels).append('}');
        }
        out.append(' ').append(number(value)).append('\n');
    }

    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }
}
