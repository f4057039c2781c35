package dev.headroom.sim;

/** The kinds of component a request passes through, indexing its entry times. */
final class Components {
    static final int LB = 0;
    static final int WORKERS = 1;
    static final int CPU = 2;
    static final int CACHE = 3;
    static final int DB_POOL = 4;
    static final int DB_CONNECTIONS = 5;
    static final int LOCK = 6;
    static final int DB_CPU = 7;
    static final int DISK = 8;
    static final int QUEUE = 9;
    static final int COUNT = 10;

    private Components() {}
}
