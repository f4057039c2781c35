package dev.headroom.sim;

/** Indices of the component gauges, in the order they appear along the request path. */
final class Components {
    static final int LB = 0;
    static final int WORKERS = 1;
    static final int CPU = 2;
    static final int CACHE = 3;
    static final int DB_CONNECTIONS = 4;
    static final int DB_CPU = 5;
    static final int DISK = 6;
    static final int COUNT = 7;

    private Components() {}
}
