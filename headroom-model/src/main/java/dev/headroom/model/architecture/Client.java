package dev.headroom.model.architecture;

/** The clients: how long they wait for a response before giving up (counted as a timeout error). */
public record Client(long timeoutNanos) {
    public static final long DEFAULT_TIMEOUT_NANOS = 30_000_000_000L;
}
