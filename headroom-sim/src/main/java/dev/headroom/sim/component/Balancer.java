package dev.headroom.sim.component;

import dev.headroom.sim.stats.Gauge;

/**
 * One load balancer: its connections to each backend, routing, and its surge queue. With a
 * per-backend limit (HAProxy's maxconn, Apache's MaxClients seen from the balancer) a backend at its
 * limit takes nothing more from this balancer; when all are full requests wait in the surge queue,
 * and past its limit they spill over (a 503). Each balancer sees only its own connections, as
 * several balancers behind round-robin DNS do.
 */
public final class Balancer {
    private final int[] outstanding;
    private final int backendLimit;
    private final boolean leastOutstanding;
    private final Station surgeQueue;
    /** Which backends are registered (null: all of them, always). */
    private final boolean[] routable;

    private int roundRobin;

    public Balancer(int backends, int backendLimit, boolean leastOutstanding, int queueLimit, Gauge gauge) {
        this(backends, backendLimit, leastOutstanding, queueLimit, gauge, null);
    }

    /** A balancer whose backends come and go: {@code routable[i]} says whether backend i is registered. */
    public Balancer(
            int backends, int backendLimit, boolean leastOutstanding, int queueLimit, Gauge gauge, boolean[] routable) {
        this.routable = routable;
        this.outstanding = new int[backends];
        this.backendLimit = backendLimit;
        this.leastOutstanding = leastOutstanding;
        this.surgeQueue = new Station(Integer.MAX_VALUE, queueLimit, gauge);
    }

    /** The backend for the next request, or -1 when every backend is at its limit. */
    public int pick() {
        int n = outstanding.length;
        int best = -1;
        for (int i = 0; i < n; i++) {
            int b = roundRobin + i;
            if (b >= n) {
                b -= n;
            }
            if (outstanding[b] < backendLimit && (routable == null || routable[b])) {
                if (!leastOutstanding) {
                    roundRobin = b + 1 == n ? 0 : b + 1;
                    return b;
                }
                if (best < 0 || outstanding[b] < outstanding[best]) {
                    best = b;
                }
            }
        }
        roundRobin = roundRobin + 1 == n ? 0 : roundRobin + 1;
        return best;
    }

    public void admit(long now, int backend) {
        outstanding[backend]++;
        surgeQueue.trySeize(now);
    }

    public void release(long now, int backend) {
        outstanding[backend]--;
        surgeQueue.release(now);
    }

    /** The surge queue: requests waiting for a backend below its limit. */
    public Station surgeQueue() {
        return surgeQueue;
    }
}
