package dev.headroom.load.scenario;

import dev.headroom.load.guard.Rule;
import dev.headroom.load.guard.RuleParser;
import java.util.List;

/** Every default a load scenario may leave out, in one place, with the reason for its value. */
public final class LoadDefaults {
    private LoadDefaults() {}

    /** The header every request carries, so synthetic traffic can be found and cleaned up (story 5). */
    public static final String TAG_HEADER = "X-Headroom-Run";
    /** Open connections across all event loops; enough for 1,000 requests in flight. */
    public static final int CONNECTIONS = 1_024;
    /** A connect that takes longer than this is an error of kind {@code connect-timeout}. */
    public static final String CONNECT_TIMEOUT = "5s";
    /** As the simulator's client: most HTTP clients and browsers wait at least 30 s. */
    public static final String REQUEST_TIMEOUT = "30s";
    /** How long requests in flight may take to finish after arrivals stop (end, guard, Ctrl-C). */
    public static final String GRACE = "10s";
    /**
     * The generator's own lag (due time to send, less any wait for a busy connection) whose p99
     * makes the measurement invalid (exit 3): beyond it the generator, not the target, set the pace,
     * and latency from the due time would blame the target for the client's delay.
     */
    public static final String LAG_LIMIT = "50ms";
    /**
     * The most of one response a body check buffers: pages and API answers fit, and a thousand
     * connections receiving huge bodies at once still hold at most 4 GiB (a 10 MB body on each of
     * 140 connections used to take 1.4 GB). A longer body is an error of kind {@code body-too-large}.
     */
    public static final String BODY_LIMIT = "4MiB";
    /**
     * The most time the generator's warm-up may take: its request path driven against an
     * in-process server on 127.0.0.1 until the JIT has compiled it (its lag p99 under 1 ms and the
     * compiler quiet, usually 1 to 4 s on one busy core), so the first measured second is not the
     * interpreter's. At 12,000/s on one core, a run without it had 1.7 s of lag in its first seconds.
     */
    public static final String WARMUP = "10s";

    /**
     * The threshold a scenario gets when it has no {@code errors} threshold of its own, so a run in
     * which every request fails (a wrong path, a dead target) cannot pass silently. Ten percent
     * leaves room for the odd failure of a healthy system under load; {@code defaultThresholds: false}
     * switches it off.
     */
    public static final String ERROR_THRESHOLD = "errors < 10%";

    /** {@link #ERROR_THRESHOLD} as a rule, marked as a default wherever it is shown. */
    public static Rule errorThreshold() {
        Rule r = RuleParser.threshold(ERROR_THRESHOLD);
        return new Rule(r.text() + " (default)", r.metric(), r.op(), r.value(), r.windowSeconds());
    }

    /** The HTTP version spoken: HTTP/1.1, which every server understands. */
    public static final Protocol PROTOCOL = Protocol.HTTP_1_1;
    /**
     * Streams at once on one HTTP/2 connection: the least SETTINGS_MAX_CONCURRENT_STREAMS that
     * RFC 9113 section 6.5.2 recommends a server allow, and what most servers (nginx, Netty, Go)
     * advertise; a server that advertises fewer lowers it.
     */
    public static final int MAX_STREAMS = 100;
    /** The bound on {@code client.maxStreams}: a server allowing more is rare, and more is a typo. */
    public static final int MAX_STREAMS_LIMIT = 10_000;

    /** What a due request over {@code client.maxInFlight} does: wait for a slot, or fail unsent. */
    public static final List<String> OVER_LIMIT = List.of("wait", "fail");

    /** Bounds on a scenario's journeys: enough for any real site map, small enough to report on. */
    public static final int MAX_JOURNEYS = 100;

    public static final int MAX_STEPS = 100;
    public static final int MAX_VARIABLES = 64;
    /** A pause longer than an hour is a typo, not a user thinking. */
    public static final long MAX_THINK_NANOS = 3_600_000_000_000L;

    public static final String METHOD = "GET";
    public static final double WEIGHT = 1.0;

    /** The default event loops: one per core. */
    public static int eventLoops() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** One line per default, as {@code headroom load --help} shows them. */
    public static List<String> describe() {
        return List.of(
                "tag.header            " + TAG_HEADER,
                "workload.model        open (closed needs users and thinkTime)",
                "workload.arrivals     poisson",
                "requests[].method     " + METHOD,
                "requests[].weight     1",
                "requests[].check      status 200-399",
                "journeys[].weight     1",
                "journeys[].onFailure  stop (a failed step abandons the journey; continue goes on)",
                "thresholds            " + ERROR_THRESHOLD + " when no threshold is on errors",
                "client.protocol       " + PROTOCOL.key() + " (or h2: https, ALPN; h2c: http)",
                "client.connections    " + CONNECTIONS + " (TCP; h2/h2c open them as needed)",
                "client.maxStreams     " + MAX_STREAMS + " per h2/h2c connection (at most the server's)",
                "client.maxInFlight    no cap but what the connections carry (open model)",
                "client.overLimit      wait (a backpressure wait, in latency; fail: error in-flight-limit)",
                "client.eventLoops     one per core (" + eventLoops() + " here)",
                "client.connectTimeout " + CONNECT_TIMEOUT,
                "client.requestTimeout " + REQUEST_TIMEOUT,
                "client.grace          " + GRACE,
                "client.lagLimit       " + LAG_LIMIT
                        + " (p99 of the generator's own lag; beyond it: measurement invalid, exit 3)",
                "client.bodyLimit      " + BODY_LIMIT + " (buffered per body check; longer: body-too-large)",
                "client.warmup         at most " + WARMUP
                        + " (the generator's own, against an in-process server; false: off)");
    }
}
