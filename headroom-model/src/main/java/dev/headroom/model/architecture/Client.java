package dev.headroom.model.architecture;

/**
 * The clients: how long they wait for a response before giving up, and how often they try again
 * after a failure ({@code retries}), waiting {@code backoffNanos} doubled at each attempt, with
 * jitter. Retries are how a slowdown becomes a retry storm.
 */
public record Client(long timeoutNanos, int retries, long backoffNanos) {
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;

    public Client(long timeoutNanos) {
        this(timeoutNanos, 0, 0);
    }
}
