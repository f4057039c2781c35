package dev.headroom.sim;

import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.EventKind;
import dev.headroom.model.workload.DbDemand;
import dev.headroom.sim.component.Station;

/**
 * A request's database work: its queries one after another. Reads look in the cache first if
 * there is one; a query that reaches the database takes a connection to the node it needs (writes
 * to its shard's primary, reads to a replica if there are any) and uses that node's CPU and disk;
 * inserts hold the AUTO_INC table lock in traditional lock mode. Each replica applies its
 * primary's writes on one thread.
 */
final class Database {
    private final Engine engine;
    private final RunEvents events;
    private final RequestClasses classes;
    final DbNode[] nodes;
    final int nodesPerShard;
    private final int[] replicaRoundRobin;
    private final RandomStream shardRandom;
    private final RandomStream dbRandom;
    private final Connections connections;
    private final Exits exits;
    /** Null without a cache. */
    private CacheStage cache;

    private final DbCpuStage cpu;
    private final DiskStage disk;

    /** Where a request goes when its database work is done, and how one that holds a worker fails. */
    interface Exits {
        void done(Request r);

        void failInService(Request r, ErrorKind kind);
    }

    /** What a cache lookup found. */
    interface Reads {
        void hit(Request r);

        void miss(Request r);
    }

    Database(
            Engine engine,
            RunEvents events,
            RequestClasses classes,
            DbNode.Shards shards,
            RandomStream dbRandom,
            RandomStream shardRandom,
            Connections connections,
            Exits exits) {
        this.engine = engine;
        this.events = events;
        this.classes = classes;
        this.nodes = shards.nodes();
        this.nodesPerShard = shards.nodesPerShard();
        this.replicaRoundRobin = new int[nodes.length / nodesPerShard];
        this.shardRandom = shardRandom;
        this.dbRandom = dbRandom;
        this.connections = connections;
        this.exits = exits;
        this.cpu = new DbCpuStage(engine, nodes, classes, dbRandom, this);
        this.disk = new DiskStage(engine, events, nodes, this);
        connections.attach(this);
    }

    /** The cache reads look in first (built after the database: it hands its misses back). */
    void attach(CacheStage cache) {
        this.cache = cache;
        cache.attach(reads());
    }

    private Reads reads() {
        return new Reads() {
            @Override
            public void hit(Request r) {
                r.queriesLeft--;
                nextQuery(r);
            }

            @Override
            public void miss(Request r) {
                startQuery(r);
            }
        };
    }

    void start(Request r) {
        DbDemand d = classes.demand(r);
        r.queriesLeft = d.queries();
        if (d.queries() > 0) {
            r.shard = nodes.length == nodesPerShard ? 0 : shardRandom.nextInt(nodes.length / nodesPerShard);
            r.readNode = readNode(r.shard);
        }
        nextQuery(r);
    }

    /** The node that serves this request's reads: the next replica of its shard, or the primary. */
    private int readNode(int shard) {
        int base = shard * nodesPerShard;
        if (nodesPerShard == 1) {
            return base;
        }
        int k = replicaRoundRobin[shard];
        for (int tries = 1; tries < nodesPerShard; tries++) {
            int next = k + 1 == nodesPerShard - 1 ? 0 : k + 1;
            if (!nodes[base + 1 + k].down) {
                replicaRoundRobin[shard] = next;
                return base + 1 + k;
            }
            k = next;
        }
        return base;
    }

    private boolean isWrite(Request r) {
        return r.queriesLeft <= classes.demand(r).writes();
    }

    private void nextQuery(Request r) {
        if (r.queriesLeft == 0) {
            finish(r);
            exits.done(r);
        } else if (cache != null && !isWrite(r) && cache.up()) {
            cache.lookUp(r);
        } else {
            startQuery(r);
        }
    }

    private void startQuery(Request r) {
        int node = isWrite(r) ? r.shard * nodesPerShard : r.readNode;
        if (nodes[node].down && !r.job) {
            exits.failInService(r, ErrorKind.DB_UNAVAILABLE);
            return;
        }
        r.node = node;
        if (r.connectionNode == node) {
            queryOnNode(r);
            return;
        }
        if (r.connectionNode >= 0) {
            connections.release(r);
        }
        connections.acquire(r, node);
    }

    void failInService(Request r, ErrorKind kind) {
        exits.failInService(r, kind);
    }

    /** Gives back the connection {@code r} holds, if any. */
    void releaseConnection(Request r) {
        if (r.connectionNode >= 0) {
            connections.release(r);
        }
    }

    /** {@code r} holds a connection to its node: it runs its query there. */
    void queryOnNode(Request r) {
        DbNode node = nodes[r.node];
        if (node.down && !r.job) {
            exits.failInService(r, ErrorKind.DB_UNAVAILABLE);
            return;
        }
        DbDemand d = classes.demand(r);
        if (node.autoincLock != null && r.queriesLeft <= d.inserts()) {
            long now = engine.now;
            r.enteredNanos[Components.LOCK] = now;
            if (node.autoincLock.trySeize(now)) {
                r.holdsLock = true;
                cpu.enter(r);
            } else {
                node.autoincLock.enqueue(now, r.slot);
                if (node.autoincLock.gauge().waiting() >= LockStage.CONVOY_WAITERS) {
                    events.once(
                            node.autoincLock.gauge().name(),
                            EventKind.LOCK_CONVOY,
                            "inserts queue for the AUTO_INC table lock (traditional lock mode)");
                }
            }
            return;
        }
        cpu.enter(r);
    }

    /** The query's CPU is done: a replica's apply job is finished; a query reads its pages. */
    void cpuDone(Request r) {
        DbNode node = nodes[r.node];
        if (r.applyJob) {
            applied(r, node);
            return;
        }
        DbDemand d = classes.demand(r);
        int misses = 0;
        if (d.pagesPerQuery() > 0 && node.data.hasBufferPool()) {
            double hit = node.data.hitRatio();
            for (int i = 0; i < d.pagesPerQuery(); i++) {
                if (dbRandom.nextDouble() >= hit) {
                    misses++;
                }
            }
        }
        r.iosLeft = d.ioPerQuery() + misses;
        if (r.iosLeft > 0 && node.disk == null) {
            r.iosLeft = 0;
        }
        nextIo(r);
    }

    void nextIo(Request r) {
        if (r.iosLeft == 0) {
            queryDone(r);
            return;
        }
        disk.enter(r);
    }

    private void queryDone(Request r) {
        DbNode node = nodes[r.node];
        if (r.holdsLock) {
            r.holdsLock = false;
            Station lock = node.autoincLock;
            lock.gauge().departure(engine.now - r.enteredNanos[Components.LOCK]);
            int handed = lock.releaseToNext(engine.now);
            if (handed >= 0) {
                Request next = engine.requests.get(handed);
                next.holdsLock = true;
                cpu.enter(next);
            }
        }
        if (isWrite(r)) {
            replicate(r, r.shard * nodesPerShard);
        }
        r.queriesLeft--;
        nextQuery(r);
    }

    private void finish(Request r) {
        releaseConnection(r);
        DbDemand d = classes.demand(r);
        if (d.rowsAdded() > 0 && nodes.length > 0) {
            nodes[r.shard * nodesPerShard].data.addRows(d.rowsAdded());
        }
    }

    private void replicate(Request r, int primary) {
        for (int k = 1; k < nodesPerShard; k++) {
            DbNode replica = nodes[primary + k];
            replica.pendingCommits.add(engine.now);
            replica.pendingClasses.add(r.requestClass);
            if (!replica.applying) {
                startApply(primary + k);
            }
        }
    }

    private void startApply(int nodeIndex) {
        DbNode replica = nodes[nodeIndex];
        replica.applying = true;
        Request job = engine.requests.allocate();
        job.applyJob = true;
        job.node = nodeIndex;
        job.requestClass = replica.pendingClasses.poll();
        cpu.enter(job);
    }

    private void applied(Request job, DbNode replica) {
        int nodeIndex = job.node;
        replica.pendingCommits.poll();
        engine.requests.release(job);
        replica.applying = false;
        if (!replica.pendingCommits.isEmpty()) {
            startApply(nodeIndex);
        }
    }
}
