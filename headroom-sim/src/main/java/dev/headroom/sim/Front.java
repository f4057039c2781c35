package dev.headroom.sim;

import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.architecture.Routing;
import dev.headroom.sim.component.Balancer;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.fleet.Fleet;
import dev.headroom.sim.stats.Gauge;
import java.util.List;

/**
 * The way in: round-robin DNS spreads clients over the balancers, and a balancer routes each
 * request to an instance (or queues it in its surge queue while every backend is at its limit).
 * Without a balancer, requests go straight to the first instance that takes traffic.
 * The balancers are the stage of {@link StageKind#LB}.
 */
final class Front {
    private final Engine engine;
    /** Null without a balancer. */
    private Balancer[] balancers;

    private Gauge lbGauge;
    private boolean[] down = new boolean[0];
    private final Fleet fleet;
    private Instances instances;
    private Instances.Exits exits;
    private int dnsNext;

    Front(Engine engine, Fleet fleet) {
        this.engine = engine;
        this.fleet = fleet;
    }

    /** Puts the spec's balancers in front of the pool's {@code slots} instance slots. */
    void addBalancers(LoadBalancer lb, Pool pool, int slots, List<Gauge> gauges) {
        int limit = lb.backendLimit().orElse(Pool.UNLIMITED);
        lbGauge = new Gauge("lb", "lb", limit == Pool.UNLIMITED ? -1 : (long) limit * pool.instances() * lb.count());
        gauges.add(lbGauge);
        balancers = new Balancer[lb.count()];
        for (int i = 0; i < balancers.length; i++) {
            balancers[i] = new Balancer(
                    slots,
                    limit,
                    lb.routing() == Routing.LEAST_OUTSTANDING,
                    lb.queueLimit(),
                    lbGauge,
                    fleet == null ? null : fleet.routable());
        }
        down = new boolean[balancers.length];
    }

    /** The instances the balancers route to (built after the balancers, whose gauge comes first). */
    void attach(Instances instances, Instances.Exits exits) {
        this.instances = instances;
        this.exits = exits;
    }

    int balancerCount() {
        return down.length;
    }

    void fail(int balancer) {
        down[balancer] = true;
    }

    void restore(int balancer) {
        down[balancer] = false;
    }

    void route(Request r) {
        r.backend = -1;
        if (balancers == null) {
            r.backend = fleet == null ? 0 : fleet.firstRoutable();
            if (r.backend < 0) {
                exits.finishFailed(r, ErrorKind.BACKEND_FAILED);
                return;
            }
            instances.accept(r);
            return;
        }
        r.balancer = dnsNext;
        dnsNext = dnsNext + 1 == balancers.length ? 0 : dnsNext + 1;
        if (down[r.balancer]) {
            // DNS gave the client every balancer's address: a refused connection tries the next one.
            r.balancer = nextUp(r.balancer);
            if (r.balancer < 0) {
                exits.finishFailed(r, ErrorKind.LB_FAILED);
                return;
            }
        }
        r.routed = true;
        r.enteredNanos[Components.LB] = engine.now;
        Balancer lb = balancers[r.balancer];
        int b = lb.pick();
        if (b >= 0) {
            admit(r, b);
        } else if (!lb.surgeQueue().enqueue(engine.now, r.slot)) {
            exits.finishFailed(r, ErrorKind.SPILLOVER);
        }
    }

    /** The first balancer up after {@code balancer} in DNS order, or -1 when all are down. */
    private int nextUp(int balancer) {
        for (int i = 1; i < down.length; i++) {
            int b = (balancer + i) % down.length;
            if (!down[b]) {
                return b;
            }
        }
        return -1;
    }

    private void admit(Request r, int b) {
        balancers[r.balancer].admit(engine.now, b);
        r.backend = b;
        instances.accept(r);
    }

    /** Gives back {@code r}'s backend slot at its balancer, and admits the next request of its surge queue. */
    void release(Request r) {
        if (balancers == null) {
            return;
        }
        long now = engine.now;
        Balancer lb = balancers[r.balancer];
        lb.release(now, r.backend);
        lbGauge.departure(now - r.enteredNanos[Components.LB]);
        Station queue = lb.surgeQueue();
        while (queue.hasWaiting()) {
            Request next = engine.requests.get(queue.takeWaiting(now));
            if (next.timedOut) {
                lbGauge.departure(now - next.enteredNanos[Components.LB]);
                engine.requests.release(next);
                continue;
            }
            admit(next, lb.pick());
            return;
        }
    }
}
