package dev.headroom.sim;

/** One simulated request's state, reused from a pool: the simulator allocates none per request in steady state. */
final class Request {
    final int slot;
    int generation;
    int requestClass;
    long arrivalNanos;
    long deadlineNanos;
    int balancer;
    int backend;
    int queriesLeft;
    int iosLeft;
    boolean holdsConnection;
    boolean timedOut;
    /** When the request entered each component (indexed by {@link Components}), for residence times. */
    final long[] enteredNanos = new long[Components.COUNT];

    Request(int slot) {
        this.slot = slot;
    }
}
