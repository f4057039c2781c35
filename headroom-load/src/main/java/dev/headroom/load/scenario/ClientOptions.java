package dev.headroom.load.scenario;

/**
 * The client's limits: open connections (across event loops; one request at a time on each, as
 * HTTP/1.1 without pipelining), event loops, the connect and request timeouts, the grace period
 * given to requests in flight when arrivals stop, the generator-lag p99 that fails the run, and
 * whether to accept any TLS certificate (self-signed test targets).
 *
 * <p>{@code bodyLimitBytes} caps what a body check buffers of one response; a longer body is an
 * error of kind {@code body-too-large} (and the rest of it is read and dropped), so bodies cannot
 * grow the generator's memory beyond connections times the limit.
 *
 * <p>{@code maxInFlight} caps the open model's requests in flight below the connections (0: no cap
 * but the connections themselves). A due request over the cap waits for one to finish (its wait
 * shows as lag and in latency) or, with {@code failOverLimit}, fails at once as
 * {@code in-flight-limit} without being sent.
 *
 * <p>With {@code protocol} h2 or h2c the connections are TCP connections, each carrying up to
 * {@code maxStreams} streams at once (fewer if the server's SETTINGS_MAX_CONCURRENT_STREAMS is
 * lower); the requests in flight are streams.
 *
 * <p>{@code warmupNanos} is the most time the generator's own warm-up may take before the measured
 * window (against an in-process server, never the target); 0 turns it off.
 */
public record ClientOptions(
        int connections,
        int eventLoops,
        long connectTimeoutNanos,
        long requestTimeoutNanos,
        long graceNanos,
        long lagLimitNanos,
        boolean insecureTls,
        int maxInFlight,
        boolean failOverLimit,
        int bodyLimitBytes,
        Protocol protocol,
        int maxStreams,
        long warmupNanos) {

    /** The same options with at most {@code most} connections (and requests in flight). */
    public ClientOptions withConnectionsAtMost(int most) {
        int c = Math.min(connections, most);
        return new ClientOptions(
                c,
                eventLoops,
                connectTimeoutNanos,
                requestTimeoutNanos,
                graceNanos,
                lagLimitNanos,
                insecureTls,
                Math.min(maxInFlight, c),
                failOverLimit,
                bodyLimitBytes,
                protocol,
                maxStreams,
                warmupNanos);
    }

    /**
     * The requests in flight the client allows at once: the cap, or else what the connections
     * carry (one each on HTTP/1.1, {@code maxStreams} each on HTTP/2).
     */
    public int inFlightLimit() {
        int carried = protocol.multiplexed()
                ? (int) Math.min(Integer.MAX_VALUE, (long) connections * maxStreams)
                : connections;
        return maxInFlight > 0 ? Math.min(maxInFlight, carried) : carried;
    }
}
