package dev.headroom.model.architecture;

/**
 * The clients: how long they wait for a response before giving up, and how often they try again
 * after a failure ({@code retries}), waiting {@code backoffNanos} doubled at each attempt, with
 * jitter. Retries are how a slowdown becomes a retry storm.
 */
public record Client(long timeoutNanos, int retries, long backoffNanos) {
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
    public static final long DEFAULT_BACKOFF_NANOS = 100_000_000L;

    /** Clients that wait {@code timeoutNanos} and never retry. */
    public Client(long timeoutNanos) {
        this(timeoutNanos, 0, DEFAULT_BACKOFF_NANOS);
    }
}
