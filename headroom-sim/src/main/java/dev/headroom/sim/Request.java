package dev.headroom.sim;

/** One simulated request's state, reused from a pool: the simulator allocates none per request in steady state. */
final class Request {
    final int slot;
    int generation;
    int requestClass;
    long arrivalNanos;
    long deadlineNanos;
    int attempt;
    int balancer;
    int backend;
    int lockStep;
    int queriesLeft;
    int iosLeft;
    /** The database node of the current query, and the node whose connection the request holds (-1: none). */
    int node;

    int connectionNode;
    int shard;
    int readNode;
    boolean holdsPoolSlot;
    boolean holdsLock;
    boolean timedOut;
    /** Allocated and not yet released. */
    boolean live;
    /** Admitted by a balancer (its {@code balancer} is set), until it responds or fails. */
    boolean routed;
    /** A replica applying a write, not a client's request. */
    boolean applyJob;
    /** Work a worker took from the queue, not a client's request. */
    boolean job;
    /** When the request entered each kind of component (indexed by {@link Components}), for residence times. */
    final long[] enteredNanos = new long[Components.COUNT];

    Request(int slot) {
        this.slot = slot;
    }
}
