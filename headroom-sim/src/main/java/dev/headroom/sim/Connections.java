package dev.headroom.sim;

import dev.headroom.model.architecture.Pool;
import dev.headroom.model.run.EventKind;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.stats.Gauge;
import java.util.List;

/**
 * The connections to the database nodes: each node's max_connections, and each web instance's
 * connection pool to each node (HikariCP-like: a slot, and a connection opened when the pool has
 * fewer open than in use). A request keeps its connection while its queries stay on that node.
 */
final class Connections {
    private final Engine engine;
    private final RunEvents events;
    private final DbNode[] nodes;
    private final Pool.ConnectionPool poolSpec;
    /** Each instance's connection pool to each node, and how many of its connections are open; null: no pool. */
    private final Station[][] poolSlots;

    private final int[][] poolOpen;
    private Database database;

    Connections(Engine engine, RunEvents events, DbNode[] nodes, Pool pool, int instanceSlots, List<Gauge> gauges) {
        this.engine = engine;
        this.events = events;
        this.nodes = nodes;
        this.poolSpec = pool.dbPool().orElse(null);
        if (poolSpec != null && nodes.length > 0) {
            Gauge g = new Gauge(
                    pool.name() + ".dbPool", "pool", (long) poolSpec.size() * pool.instances() * nodes.length);
            gauges.add(g);
            poolSlots = new Station[instanceSlots][nodes.length];
            poolOpen = new int[instanceSlots][nodes.length];
            for (int i = 0; i < instanceSlots; i++) {
                for (int j = 0; j < nodes.length; j++) {
                    poolSlots[i][j] = new Station(poolSpec.size(), Pool.UNLIMITED, g);
                }
            }
        } else {
            poolSlots = null;
            poolOpen = null;
        }
    }

    /** The database that a request holding a connection goes on to (the two refer to each other). */
    void attach(Database database) {
        this.database = database;
    }

    /** Takes a connection to {@code node}: through the instance's pool if it has one, else directly. */
    void acquire(Request r, int node) {
        long now = engine.now;
        if (poolSlots == null || r.job) {
            Station conns = nodes[node].connections;
            r.enteredNanos[Components.DB_CONNECTIONS] = now;
            if (conns.trySeize(now)) {
                r.connectionNode = node;
                database.queryOnNode(r);
            } else {
                conns.enqueue(now, r.slot);
                events.once(
                        nodes[node].name + ".connections",
                        EventKind.CONNECTIONS_EXHAUSTED,
                        "every connection of " + nodes[node].name + " is in use; requests wait for one");
            }
            return;
        }
        Station slots = poolSlots[r.backend][node];
        r.enteredNanos[Components.DB_POOL] = now;
        if (slots.trySeize(now)) {
            gotPoolSlot(r, node);
        } else {
            slots.enqueue(now, r.slot);
            events.once(
                    slots.gauge().name(),
                    EventKind.POOL_EXHAUSTED,
                    "a web instance's connection pool is empty; requests wait for a connection");
        }
    }

    /** A pool slot is ours; the pool opens a new connection if it has fewer open than in use. */
    private void gotPoolSlot(Request r, int node) {
        r.holdsPoolSlot = true;
        r.connectionNode = node;
        if (poolOpen[r.backend][node] < poolSlots[r.backend][node].busy()) {
            if (!nodes[node].connections.trySeize(engine.now)) {
                events.once(
                        nodes[node].name + ".connections",
                        EventKind.MAX_CONNECTIONS_REACHED,
                        nodes[node].name + " is at max_connections: pools cannot open more");
                release(r);
                database.failInService(r, ErrorKind.TOO_MANY_CONNECTIONS);
                return;
            }
            poolOpen[r.backend][node]++;
        }
        database.queryOnNode(r);
    }

    void release(Request r) {
        long now = engine.now;
        int node = r.connectionNode;
        r.connectionNode = -1;
        if (!r.holdsPoolSlot) {
            Station conns = nodes[node].connections;
            conns.gauge().departure(now - r.enteredNanos[Components.DB_CONNECTIONS]);
            int handed = conns.releaseToNext(now);
            if (handed >= 0) {
                Request next = engine.requests.get(handed);
                next.connectionNode = node;
                database.queryOnNode(next);
            }
            return;
        }
        Station slots = poolSlots[r.backend][node];
        r.holdsPoolSlot = false;
        slots.gauge().departure(now - r.enteredNanos[Components.DB_POOL]);
        slots.release(now);
        while (slots.hasWaiting()) {
            Request next = engine.requests.get(slots.takeWaiting(now));
            if (now - next.enteredNanos[Components.DB_POOL] > poolSpec.waitTimeoutNanos()) {
                // Waited past the pool's timeout (HikariCP's connectionTimeout): the request fails.
                slots.gauge().departure(now - next.enteredNanos[Components.DB_POOL]);
                database.failInService(next, ErrorKind.DB_POOL_TIMEOUT);
                continue;
            }
            slots.trySeize(now);
            gotPoolSlot(next, node);
            return;
        }
    }

    /** A stopped instance's pools close: their connections are the database's again. */
    void closePools(int instance) {
        if (poolOpen == null) {
            return;
        }
        for (int j = 0; j < nodes.length; j++) {
            while (poolOpen[instance][j] > 0) {
                poolOpen[instance][j]--;
                int handed = nodes[j].connections.releaseToNext(engine.now);
                if (handed >= 0) {
                    Request next = engine.requests.get(handed);
                    next.connectionNode = j;
                    database.queryOnNode(next);
                }
            }
        }
    }
}
