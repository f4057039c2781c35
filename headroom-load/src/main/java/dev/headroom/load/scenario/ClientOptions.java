package dev.headroom.load.scenario;

/**
 * The client's limits: open connections (across event loops; one request at a time on each, as
 * HTTP/1.1 without pipelining), event loops, the connect and request timeouts, the grace period
 * given to requests in flight when arrivals stop, the generator-lag p99 that fails the run, and
 * whether to accept any TLS certificate (self-signed test targets).
 */
public record ClientOptions(
        int connections,
        int eventLoops,
        long connectTimeoutNanos,
        long requestTimeoutNanos,
        long graceNanos,
        long lagLimitNanos,
        boolean insecureTls) {}
