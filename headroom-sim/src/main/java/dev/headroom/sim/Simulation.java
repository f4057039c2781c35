package dev.headroom.sim;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Cache;
import dev.headroom.model.architecture.Client;
import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.MessageQueue;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.architecture.Routing;
import dev.headroom.model.arrival.ArrivalProcess;
import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.cost.CostModel;
import dev.headroom.model.cost.Usage;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.workload.DbDemand;
import dev.headroom.model.workload.Job;
import dev.headroom.model.workload.NamedLock;
import dev.headroom.model.workload.RequestClass;
import dev.headroom.sim.component.Balancer;
import dev.headroom.sim.component.CpuCredits;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.engine.EventQueue;
import dev.headroom.sim.fleet.Fleet;
import dev.headroom.sim.random.Sampler;
import dev.headroom.sim.stats.Gauge;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * Runs a spec request by request. A request arrives from the profile, is routed by a balancer
 * (picked by round-robin DNS) to an instance, takes a worker (or waits in the instance's accept
 * queue), runs its CPU demand on the instance's cores, then makes its database queries one after
 * another: reads look in the cache first if there is one; a query that reaches the database takes
 * a connection to the node it needs (writes to its shard's primary, reads to a replica if there are
 * any), through the instance's connection pool if it has one, and holds it while it uses that
 * node's CPU and disk; inserts hold the AUTO_INC table lock in traditional lock mode. Then the
 * response goes out and the connection, worker and balancer slot are freed.
 *
 * <p>A client that times out counts at its deadline, and tries again if it has retries left. Its
 * request is dropped where a server would notice (still queued at the balancer or in the accept
 * queue); once a worker has it, the server finishes the work, as real servers do.
 */
public final class Simulation {
    private static final int ARRIVAL = 0;
    private static final int CPU_DONE = 1;
    private static final int CACHE_DONE = 2;
    private static final int DB_CPU_DONE = 3;
    private static final int DISK_SERVED = 4;
    private static final int IO_DONE = 5;
    private static final int TICK = 6;
    private static final int RETRY = 7;
    private static final int PUBLISHED = 8;
    private static final int JOB_CPU_DONE = 9;
    private static final int LOCK_RELEASE = 10;
    static final int INSTANCE_BOOTED = 11;
    static final int INSTANCE_HEALTHY = 12;
    static final int INSTANCE_DETECTED = 13;
    static final int DRAIN_DEADLINE = 14;
    static final int FAULT = 15;
    static final int FAILOVER = 16;
    static final int SCHEDULED_ACTION = 17;
    static final int CHAOS_KILL = 18;

    static final long INTERVAL_NANOS = 1_000_000_000L;
    private static final int MAX_EVENTS = 10_000;
    /** Waiters on a lock that make a convoy worth an event. */
    private static final int CONVOY_WAITERS = 10;

    final Spec spec;
    private final SimOptions options;
    private final Profile profile;
    final EventQueue events = new EventQueue(4096);
    final Requests requests = new Requests();
    private final RunStats stats;
    private final ArrivalProcess arrivals;

    private final RandomStream mixRandom;
    private final RandomStream serviceRandom;
    private final RandomStream dbRandom;
    private final RandomStream cacheRandom;
    private final RandomStream shardRandom;
    private final RandomStream retryRandom;

    private final RequestClass[] classes;
    private final DbDemand[] demands;
    private final double[] cumulativeWeights;
    private final Sampler[] cpuSamplers;
    private final Sampler[] dbCpuSamplers;
    /** Per class: the job it leaves for the queue's workers (null: none), with its samplers. */
    private final DbDemand[] jobDemands;

    private final Sampler[] jobCpuSamplers;
    private final Sampler[] jobDbCpuSamplers;
    /** Per class, the named locks it holds in turn, and how long it holds each. */
    private final Station[][] classLocks;

    private final Sampler[][] lockHolds;
    private final Station queueWorkers;
    private final Sampler publishLatency;
    private final boolean queueInTable;

    private final List<Gauge> gauges = new ArrayList<>();
    final Balancer[] balancers;
    private final Gauge lbGauge;
    private int dnsNext;
    final Gauge workersGauge;
    final Station[] workers;
    final Gauge cpuGauge;
    final Station[] cpus;
    final CpuCredits[] poolCredits;
    final double[] cpuSpeed;

    private final Station cache;
    private final double cacheHitRatio;
    private final Sampler cacheLatency;
    private long intervalCacheLookups;
    private long intervalCacheHits;

    final DbNode[] nodes;
    final int nodesPerShard;
    private final int[] replicaRoundRobin;
    private final Pool.ConnectionPool poolSpec;
    /** Each instance's connection pool to each database node, and how many of its connections are open. */
    final Station[][] poolSlots;

    final int[][] poolOpen;

    final Client client;
    private final long windowNanos;
    private final long hardEndNanos;
    long now;
    private long lastTick;
    private boolean arrivalsDone;
    private final List<RunEvent> runEvents = new ArrayList<>();
    /** The pool's instances when they can change (autoscaling or failures); null for a fixed pool. */
    final Fleet fleet;

    private final Elasticity elasticity;
    private final Set<String> reported = new HashSet<>();

    private Simulation(Spec spec, SimOptions options, boolean elastic) {
        this.spec = spec;
        this.options = options;
        this.profile = spec.workload().profile();
        Architecture a = spec.architecture();
        double window =
                Math.min(options.durationSeconds().orElse(profile.durationSeconds()), profile.durationSeconds());
        this.windowNanos = (long) Math.ceil(window * 1e9);
        this.client = a.client();
        long end = windowNanos + client.timeoutNanos() * (1L + client.retries()) + retryAllowance(client);
        this.hardEndNanos = (end + INTERVAL_NANOS - 1) / INTERVAL_NANOS * INTERVAL_NANOS;
        long seed = options.seed();

        this.arrivals =
                new ArrivalProcess(profile, spec.workload().arrivals(), RandomStream.of(seed, "arrivals"), window);
        this.mixRandom = RandomStream.of(seed, "mix");
        this.serviceRandom = RandomStream.of(seed, "service");
        this.dbRandom = RandomStream.of(seed, "db");
        this.cacheRandom = RandomStream.of(seed, "cache");
        this.shardRandom = RandomStream.of(seed, "shards");
        this.retryRandom = RandomStream.of(seed, "retries");

        classes = spec.workload().classes().toArray(new RequestClass[0]);
        demands = new DbDemand[classes.length];
        cumulativeWeights = new double[classes.length];
        cpuSamplers = new Sampler[classes.length];
        dbCpuSamplers = new Sampler[classes.length];
        classLocks = new Station[classes.length][];
        lockHolds = new Sampler[classes.length][];
        Map<String, Station> locksByName = new LinkedHashMap<>();
        for (int i = 0; i < classes.length; i++) {
            List<NamedLock> locks = classes[i].locks();
            classLocks[i] = new Station[locks.size()];
            lockHolds[i] = new Sampler[locks.size()];
            for (int k = 0; k < locks.size(); k++) {
                classLocks[i][k] = locksByName.computeIfAbsent(
                        locks.get(k).name(),
                        n -> new Station(1, Pool.UNLIMITED, add(new Gauge("lock." + n, "lock", 1))));
                lockHolds[i][k] = Sampler.of(locks.get(k).hold());
            }
        }
        jobDemands = new DbDemand[classes.length];
        jobCpuSamplers = new Sampler[classes.length];
        jobDbCpuSamplers = new Sampler[classes.length];
        MessageQueue mq = a.queue().orElse(null);
        queueInTable = mq != null && mq.kind() == MessageQueue.Kind.TABLE;
        double sum = 0;
        for (int i = 0; i < classes.length; i++) {
            sum += classes[i].weight();
            cumulativeWeights[i] = sum;
            cpuSamplers[i] = Sampler.of(classes[i].cpu());
            dbCpuSamplers[i] = Sampler.of(classes[i].db().cpu());
            demands[i] = classes[i].db();
            Job job = classes[i].job().orElse(null);
            if (job != null) {
                jobDemands[i] = job.db();
                jobCpuSamplers[i] = Sampler.of(job.cpu());
                jobDbCpuSamplers[i] = Sampler.of(job.db().cpu());
                if (queueInTable) {
                    // The request inserts the queue row; the worker claims it and deletes it.
                    demands[i] = demands[i].plusWrites(1, 1);
                    jobDemands[i] = jobDemands[i].plusWrites(2, 0);
                }
            }
        }
        this.stats = new RunStats(classes.length, windowNanos, options.stop().orElse(null));

        Pool pool = a.pool();
        boolean dynamic =
                elastic || pool.autoscaling().isPresent() || !spec.failures().isEmpty();
        // A dead or draining instance keeps its slot while its work finishes: room for twice the maximum.
        int n = dynamic ? 2 * pool.maxInstances() : pool.instances();
        fleet = dynamic
                ? new Fleet(
                        n,
                        pool.instances(),
                        pool.autoscaling().map(x -> x.min()).orElse(pool.instances()),
                        pool.maxInstances(),
                        pool.zones())
                : null;
        LoadBalancer lb = a.lb().orElse(null);
        if (lb != null) {
            int limit = lb.backendLimit().orElse(Pool.UNLIMITED);
            lbGauge = add(
                    new Gauge("lb", "lb", limit == Pool.UNLIMITED ? -1 : (long) limit * pool.instances() * lb.count()));
            balancers = new Balancer[lb.count()];
            for (int i = 0; i < balancers.length; i++) {
                balancers[i] = new Balancer(
                        n,
                        limit,
                        lb.routing() == Routing.LEAST_OUTSTANDING,
                        lb.queueLimit(),
                        lbGauge,
                        fleet == null ? null : fleet.routable());
            }
        } else {
            lbGauge = null;
            balancers = null;
        }
        int initial = pool.instances();
        workersGauge = add(new Gauge(
                pool.name(), "workers", pool.workers() == Pool.UNLIMITED ? -1 : (long) pool.workers() * initial));
        cpuGauge = add(new Gauge(pool.name() + ".cpu", "cpu", (long) pool.cores() * initial));
        workers = new Station[n];
        cpus = new Station[n];
        cpuSpeed = new double[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Station(pool.workers(), pool.acceptQueue(), workersGauge);
            cpus[i] = new Station(pool.cores(), Pool.UNLIMITED, cpuGauge);
            cpuSpeed[i] = 1.0;
        }
        poolCredits = pool.machine()
                .filter(m -> m.type().burstable())
                .map(m -> {
                    CpuCredits[] c = new CpuCredits[n];
                    for (int i = 0; i < n; i++) {
                        c[i] = new CpuCredits(m);
                    }
                    return c;
                })
                .orElse(null);

        Cache c = a.cache().orElse(null);
        if (c != null) {
            cache = new Station(c.cores(), Pool.UNLIMITED, add(new Gauge("cache", "cache", c.cores())));
            cacheHitRatio = c.hitRatio();
            cacheLatency = Sampler.of(c.latency());
        } else {
            cache = null;
            cacheHitRatio = 0;
            cacheLatency = null;
        }

        Database db = a.db().orElse(null);
        if (db != null) {
            nodesPerShard = 1 + db.replicas();
            nodes = new DbNode[db.shards() * nodesPerShard];
            replicaRoundRobin = new int[db.shards()];
            for (int s = 0; s < db.shards(); s++) {
                String base = db.shards() == 1 ? "db" : "db-shard-" + (s + 1);
                DbNode.ShardData data = new DbNode.ShardData(db.bufferPool().orElse(null), db.shards());
                nodes[s * nodesPerShard] = new DbNode(base, true, db, data, gauges);
                for (int r = 1; r <= db.replicas(); r++) {
                    nodes[s * nodesPerShard + r] = new DbNode(base + "-replica-" + r, false, db, data, gauges);
                }
            }
        } else {
            nodesPerShard = 1;
            nodes = new DbNode[0];
            replicaRoundRobin = new int[0];
        }
        if (mq != null) {
            queueWorkers = new Station(mq.workers(), Pool.UNLIMITED, add(new Gauge("queue", "workers", mq.workers())));
            publishLatency = Sampler.of(mq.publishLatency());
        } else {
            queueWorkers = null;
            publishLatency = null;
        }
        poolSpec = pool.dbPool().orElse(null);
        if (poolSpec != null && nodes.length > 0) {
            Gauge g = add(new Gauge(pool.name() + ".dbPool", "pool", (long) poolSpec.size() * initial * nodes.length));
            poolSlots = new Station[n][nodes.length];
            poolOpen = new int[n][nodes.length];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < nodes.length; j++) {
                    poolSlots[i][j] = new Station(poolSpec.size(), Pool.UNLIMITED, g);
                }
            }
        } else {
            poolSlots = null;
            poolOpen = null;
        }
        elasticity = fleet == null ? null : new Elasticity(this, spec, seed, windowNanos);
    }

    /** Time for the retries' backoffs: at most 1.5 x backoff x 2^k for attempt k. */
    private static long retryAllowance(Client c) {
        long total = 0;
        for (int k = 0; k < c.retries(); k++) {
            total += (long) (1.5 * c.backoffNanos() * Math.pow(2, k));
        }
        return total;
    }

    private Gauge add(Gauge g) {
        gauges.add(g);
        return g;
    }

    /** Runs {@code spec} to the end of its profile (or the options' shorter duration) and drains. */
    public static SimResult run(Spec spec, SimOptions options) {
        return new Simulation(spec, options, false).execute();
    }

    /** As {@link #run}, with the elastic machinery (and availability figures) even without failures or autoscaling. */
    static SimResult runElastic(Spec spec, SimOptions options) {
        return new Simulation(spec, options, true).execute();
    }

    private SimResult execute() {
        long first = arrivals.next();
        if (first == Long.MAX_VALUE) {
            arrivalsDone = true;
        } else {
            events.schedule(first, ARRIVAL, 0);
        }
        events.schedule(INTERVAL_NANOS, TICK, 0);
        if (elasticity != null) {
            elasticity.scheduleAll();
        }
        while (!events.isEmpty() && !stats.stopped()) {
            long t = events.peekTime();
            if (t > hardEndNanos) {
                break;
            }
            while (requests.nextDeadline() < t) {
                expire(t);
            }
            events.poll();
            now = t;
            dispatch(events.polledKind(), events.polledArg());
        }
        now = Math.max(now, lastTick);
        while (requests.nextDeadline() <= now) {
            expire(now);
        }
        return result();
    }

    private void dispatch(int kind, int arg) {
        switch (kind) {
            case ARRIVAL -> onArrival();
            case CPU_DONE -> onCpuDone(requests.get(arg));
            case CACHE_DONE -> onCacheDone(requests.get(arg));
            case DB_CPU_DONE -> onDbCpuDone(requests.get(arg));
            case DISK_SERVED -> onDiskServed(requests.get(arg));
            case IO_DONE -> onIoDone(requests.get(arg));
            case TICK -> onTick();
            case RETRY -> onRetry(requests.get(arg));
            case PUBLISHED -> onPublished(requests.get(arg));
            case JOB_CPU_DONE -> startDatabase(requests.get(arg));
            case LOCK_RELEASE -> onLockReleased(requests.get(arg));
            case INSTANCE_BOOTED,
                    INSTANCE_HEALTHY,
                    INSTANCE_DETECTED,
                    DRAIN_DEADLINE,
                    FAULT,
                    FAILOVER,
                    SCHEDULED_ACTION,
                    CHAOS_KILL -> elasticity.on(kind, arg);
            default -> throw new IllegalStateException("unknown event kind " + kind);
        }
    }

    /** A client's deadline passes before the next event: it gives up (and may try again). */
    private void expire(long before) {
        long deadline = requests.nextDeadline();
        Request r = requests.popDeadline();
        if (r != null && !r.timedOut) {
            long saved = now;
            now = Math.max(now, Math.min(deadline, before));
            r.timedOut = true;
            attemptFailed(r, ErrorKind.TIMEOUT);
            now = saved;
        }
    }

    /** An attempt failed: the client tries again after its backoff, or the request fails for good. */
    void attemptFailed(Request r, ErrorKind kind) {
        if (r.attempt < client.retries()) {
            stats.retry();
            Request again = requests.allocate();
            again.requestClass = r.requestClass;
            again.arrivalNanos = r.arrivalNanos;
            again.attempt = r.attempt + 1;
            double jitter = 0.5 + retryRandom.nextDouble();
            long backoff = (long) (client.backoffNanos() * Math.pow(2, r.attempt) * jitter);
            events.schedule(now + backoff, RETRY, again.slot);
        } else {
            stats.error(kind);
            if (kind == ErrorKind.SPILLOVER) {
                once("lb", "spillover-begins", "the balancer's surge queue is full: requests are rejected with 503");
            }
        }
    }

    private void onRetry(Request r) {
        r.deadlineNanos = now + client.timeoutNanos();
        requests.watchDeadline(r);
        route(r);
    }

    // ---- arrival and routing

    private void onArrival() {
        Request r = requests.allocate();
        r.requestClass = pickClass();
        r.arrivalNanos = now;
        r.deadlineNanos = now + client.timeoutNanos();
        requests.watchDeadline(r);
        stats.arrival();
        long next = arrivals.next();
        if (next == Long.MAX_VALUE) {
            arrivalsDone = true;
        } else {
            events.schedule(Math.max(next, now), ARRIVAL, 0);
        }
        route(r);
    }

    private int pickClass() {
        if (classes.length == 1) {
            return 0;
        }
        double x = mixRandom.nextDouble() * cumulativeWeights[cumulativeWeights.length - 1];
        for (int i = 0; i < cumulativeWeights.length - 1; i++) {
            if (x < cumulativeWeights[i]) {
                return i;
            }
        }
        return cumulativeWeights.length - 1;
    }

    private void route(Request r) {
        r.backend = -1;
        if (balancers == null) {
            r.backend = fleet == null ? 0 : fleet.firstRoutable();
            if (r.backend < 0) {
                finishFailed(r, ErrorKind.BACKEND_FAILED);
                return;
            }
            accept(r);
            return;
        }
        // Round-robin DNS spreads clients over the balancers.
        r.balancer = dnsNext;
        dnsNext = dnsNext + 1 == balancers.length ? 0 : dnsNext + 1;
        if (elasticity != null && elasticity.lbDown[r.balancer]) {
            // DNS gave the client every balancer's address: a refused connection tries the next one.
            r.balancer = elasticity.nextUpBalancer(r.balancer);
            if (r.balancer < 0) {
                finishFailed(r, ErrorKind.LB_FAILED);
                return;
            }
        }
        r.routed = true;
        r.enteredNanos[Components.LB] = now;
        Balancer lb = balancers[r.balancer];
        int b = lb.pick();
        if (b >= 0) {
            admit(r, b);
        } else if (!lb.surgeQueue().enqueue(now, r.slot)) {
            finishFailed(r, ErrorKind.SPILLOVER);
        }
    }

    private void admit(Request r, int b) {
        balancers[r.balancer].admit(now, b);
        r.backend = b;
        accept(r);
    }

    private void releaseBackend(Request r) {
        if (balancers == null) {
            return;
        }
        Balancer lb = balancers[r.balancer];
        lb.release(now, r.backend);
        depart(lbGauge, Components.LB, r);
        Station queue = lb.surgeQueue();
        while (queue.hasWaiting()) {
            Request next = requests.get(queue.takeWaiting(now));
            if (next.timedOut) {
                depart(lbGauge, Components.LB, next);
                requests.release(next);
                continue;
            }
            admit(next, lb.pick());
            return;
        }
    }

    // ---- the instance: worker, then CPU

    private void accept(Request r) {
        if (fleet != null) {
            if (fleet.state(r.backend) == Fleet.DEAD) {
                // Sent to an instance the balancer has not yet found dead: a 502.
                releaseBackend(r);
                finishFailed(r, ErrorKind.BACKEND_FAILED);
                return;
            }
            elasticity.periodRequests++;
        }
        Station w = workers[r.backend];
        r.enteredNanos[Components.WORKERS] = now;
        // A free worker with a line in front of it is being handed to the head of that line (see
        // releaseWorker, which can admit a request from the balancer mid-hand-over): join the line.
        if (!w.hasWaiting() && w.trySeize(now)) {
            startCpu(r);
        } else if (!w.enqueue(now, r.slot)) {
            releaseBackend(r);
            finishFailed(r, ErrorKind.ACCEPT_QUEUE_FULL);
        }
    }

    private void startCpu(Request r) {
        Station c = cpus[r.backend];
        r.enteredNanos[Components.CPU] = now;
        if (c.trySeize(now)) {
            events.schedule(now + cpuTime(r), CPU_DONE, r.slot);
        } else {
            c.enqueue(now, r.slot);
        }
    }

    /** The request's CPU demand at its instance's current speed (slower while throttled). */
    private long cpuTime(Request r) {
        long demand = cpuSamplers[r.requestClass].sampleNanos(serviceRandom);
        double speed = cpuSpeed[r.backend];
        return speed == 1.0 ? demand : (long) (demand / speed);
    }

    private void onCpuDone(Request r) {
        Station c = cpus[r.backend];
        depart(cpuGauge, Components.CPU, r);
        int handed = c.releaseToNext(now);
        if (handed >= 0) {
            Request next = requests.get(handed);
            events.schedule(now + cpuTime(next), CPU_DONE, next.slot);
        }
        r.lockStep = 0;
        nextLock(r);
    }

    /** Takes the class's next named lock and holds it, or goes on to the database when all are done. */
    private void nextLock(Request r) {
        Station[] locks = classLocks[r.requestClass];
        if (r.lockStep == locks.length) {
            startDatabase(r);
            return;
        }
        Station lock = locks[r.lockStep];
        r.enteredNanos[Components.LOCK] = now;
        if (lock.trySeize(now)) {
            events.schedule(now + lockHolds[r.requestClass][r.lockStep].sampleNanos(dbRandom), LOCK_RELEASE, r.slot);
        } else {
            lock.enqueue(now, r.slot);
            if (lock.gauge().waiting() >= CONVOY_WAITERS) {
                once(
                        lock.gauge().name(),
                        "lock-convoy",
                        "requests queue for " + lock.gauge().name());
            }
        }
    }

    private void onLockReleased(Request r) {
        Station lock = classLocks[r.requestClass][r.lockStep];
        depart(lock.gauge(), Components.LOCK, r);
        int handed = lock.releaseToNext(now);
        if (handed >= 0) {
            Request next = requests.get(handed);
            events.schedule(
                    now + lockHolds[next.requestClass][next.lockStep].sampleNanos(dbRandom), LOCK_RELEASE, next.slot);
        }
        r.lockStep++;
        nextLock(r);
    }

    private void startDatabase(Request r) {
        DbDemand d = demand(r);
        r.queriesLeft = d.queries();
        if (d.queries() > 0) {
            r.shard = nodes.length == nodesPerShard ? 0 : shardRandom.nextInt(nodes.length / nodesPerShard);
            r.readNode = readNode(r.shard);
        }
        nextQuery(r);
    }

    private DbDemand demand(Request r) {
        return r.job ? jobDemands[r.requestClass] : demands[r.requestClass];
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

    // ---- database work: cache, connection, lock, CPU, disk

    private boolean isWrite(Request r) {
        return r.queriesLeft <= demand(r).writes();
    }

    private void nextQuery(Request r) {
        if (r.queriesLeft == 0) {
            finishDatabase(r);
            if (r.job) {
                jobDone(r);
            } else {
                afterDatabase(r);
            }
        } else if (cache != null && !isWrite(r) && (elasticity == null || !elasticity.cacheDown)) {
            r.enteredNanos[Components.CACHE] = now;
            intervalCacheLookups++;
            if (cache.trySeize(now)) {
                events.schedule(now + cacheLatency.sampleNanos(cacheRandom), CACHE_DONE, r.slot);
            } else {
                cache.enqueue(now, r.slot);
            }
        } else {
            startQuery(r);
        }
    }

    private void onCacheDone(Request r) {
        depart(cache.gauge(), Components.CACHE, r);
        int handed = cache.releaseToNext(now);
        if (handed >= 0) {
            Request next = requests.get(handed);
            events.schedule(now + cacheLatency.sampleNanos(cacheRandom), CACHE_DONE, next.slot);
        }
        if (cacheRandom.nextDouble() < cacheHitRatio) {
            intervalCacheHits++;
            r.queriesLeft--;
            nextQuery(r);
        } else {
            startQuery(r);
        }
    }

    private void startQuery(Request r) {
        int node = isWrite(r) ? r.shard * nodesPerShard : r.readNode;
        if (nodes[node].down && !r.job) {
            failInService(r, ErrorKind.DB_UNAVAILABLE);
            return;
        }
        r.node = node;
        if (r.connectionNode == node) {
            queryOnNode(r);
            return;
        }
        if (r.connectionNode >= 0) {
            releaseConnection(r);
        }
        acquireConnection(r, node);
    }

    /** Takes a connection to {@code node}: through the instance's pool if it has one, else directly. */
    private void acquireConnection(Request r, int node) {
        if (poolSlots == null || r.job) {
            Station conns = nodes[node].connections;
            r.enteredNanos[Components.DB_CONNECTIONS] = now;
            if (conns.trySeize(now)) {
                r.connectionNode = node;
                queryOnNode(r);
            } else {
                conns.enqueue(now, r.slot);
                once(
                        nodes[node].name + ".connections",
                        "connections-exhausted",
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
            once(
                    slots.gauge().name(),
                    "pool-exhausted",
                    "a web instance's connection pool is empty; requests wait for a connection");
        }
    }

    /** A pool slot is ours; the pool opens a new connection if it has fewer open than in use. */
    private void gotPoolSlot(Request r, int node) {
        r.holdsPoolSlot = true;
        r.connectionNode = node;
        if (poolOpen[r.backend][node] < poolSlots[r.backend][node].busy()) {
            if (!nodes[node].connections.trySeize(now)) {
                once(
                        nodes[node].name + ".connections",
                        "max-connections-reached",
                        nodes[node].name + " is at max_connections: pools cannot open more");
                releaseConnection(r);
                failInService(r, ErrorKind.TOO_MANY_CONNECTIONS);
                return;
            }
            poolOpen[r.backend][node]++;
        }
        queryOnNode(r);
    }

    private void releaseConnection(Request r) {
        int node = r.connectionNode;
        r.connectionNode = -1;
        if (!r.holdsPoolSlot) {
            Station conns = nodes[node].connections;
            depart(conns.gauge(), Components.DB_CONNECTIONS, r);
            int handed = conns.releaseToNext(now);
            if (handed >= 0) {
                Request next = requests.get(handed);
                next.connectionNode = node;
                queryOnNode(next);
            }
            return;
        }
        Station slots = poolSlots[r.backend][node];
        r.holdsPoolSlot = false;
        depart(slots.gauge(), Components.DB_POOL, r);
        slots.release(now);
        while (slots.hasWaiting()) {
            Request next = requests.get(slots.takeWaiting(now));
            if (now - next.enteredNanos[Components.DB_POOL] > poolSpec.waitTimeoutNanos()) {
                // Waited past the pool's timeout (HikariCP's connectionTimeout): the request fails.
                depart(slots.gauge(), Components.DB_POOL, next);
                failInService(next, ErrorKind.DB_POOL_TIMEOUT);
                continue;
            }
            slots.trySeize(now);
            gotPoolSlot(next, node);
            return;
        }
    }

    void queryOnNode(Request r) {
        DbNode node = nodes[r.node];
        if (node.down && !r.job) {
            failInService(r, ErrorKind.DB_UNAVAILABLE);
            return;
        }
        DbDemand d = demand(r);
        if (node.autoincLock != null && r.queriesLeft <= d.inserts()) {
            r.enteredNanos[Components.LOCK] = now;
            if (node.autoincLock.trySeize(now)) {
                r.holdsLock = true;
                startDbCpu(r);
            } else {
                node.autoincLock.enqueue(now, r.slot);
                if (node.autoincLock.gauge().waiting() >= CONVOY_WAITERS) {
                    once(
                            node.autoincLock.gauge().name(),
                            "lock-convoy",
                            "inserts queue for the AUTO_INC table lock (traditional lock mode)");
                }
            }
            return;
        }
        startDbCpu(r);
    }

    private void startDbCpu(Request r) {
        DbNode node = nodes[r.node];
        r.enteredNanos[Components.DB_CPU] = now;
        if (node.cpu.trySeize(now)) {
            events.schedule(now + dbCpuTime(r, node), DB_CPU_DONE, r.slot);
        } else {
            node.cpu.enqueue(now, r.slot);
        }
    }

    private long dbCpuTime(Request r, DbNode node) {
        long demand = (r.job ? jobDbCpuSamplers : dbCpuSamplers)[r.requestClass].sampleNanos(dbRandom);
        return node.speed == 1.0 ? demand : (long) (demand / node.speed);
    }

    private void onDbCpuDone(Request r) {
        DbNode node = nodes[r.node];
        depart(node.cpu.gauge(), Components.DB_CPU, r);
        int handed = node.cpu.releaseToNext(now);
        if (handed >= 0) {
            Request next = requests.get(handed);
            events.schedule(now + dbCpuTime(next, node), DB_CPU_DONE, next.slot);
        }
        if (r.applyJob) {
            applied(r, node);
            return;
        }
        DbDemand d = demand(r);
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

    private void nextIo(Request r) {
        if (r.iosLeft == 0) {
            queryDone(r);
            return;
        }
        DbNode node = nodes[r.node];
        r.enteredNanos[Components.DISK] = now;
        if (node.disk.trySeize(now)) {
            events.schedule(now + issueIo(node), DISK_SERVED, r.slot);
        } else {
            node.disk.enqueue(now, r.slot);
        }
    }

    private void onDiskServed(Request r) {
        DbNode node = nodes[r.node];
        depart(node.disk.gauge(), Components.DISK, r);
        int handed = node.disk.releaseToNext(now);
        if (handed >= 0) {
            Request next = requests.get(handed);
            events.schedule(now + issueIo(node), DISK_SERVED, next.slot);
        }
        node.ioInFlight.add(now, 1);
        if (node.ioLatencyNanos > 0) {
            events.schedule(now + node.ioLatencyNanos, IO_DONE, r.slot);
        } else {
            onIoDone(r);
        }
    }

    /**
     * Issues one I/O on {@code node}: the time until its disk can issue the next, 1/IOPS at the
     * rate the volume's and the instance's credit buckets allow now. Spends a credit from each.
     */
    private long issueIo(DbNode node) {
        node.intervalIos++;
        if (node.volumeCredits == null && node.ebsCredits == null) {
            return node.ioServiceNanos;
        }
        double iops = node.iopsCap(now);
        if (node.volumeCredits != null && node.volumeCredits.spend(now)) {
            event(
                    node.name + ".disk",
                    "volume-credits-exhausted",
                    "the volume's I/O credits ran out; IOPS fall to its baseline of " + Math.round(node.diskBaseIops));
        }
        if (node.ebsCredits != null && node.ebsCredits.spend(now)) {
            event(
                    node.name + ".disk",
                    "instance-ebs-credits-exhausted",
                    "the instance's EBS burst ran out; IOPS fall to its baseline");
        }
        return Math.max(1, Math.round(1e9 / iops));
    }

    private void onIoDone(Request r) {
        nodes[r.node].ioInFlight.add(now, -1);
        r.iosLeft--;
        nextIo(r);
    }

    private void queryDone(Request r) {
        DbNode node = nodes[r.node];
        if (r.holdsLock) {
            r.holdsLock = false;
            depart(node.autoincLock.gauge(), Components.LOCK, r);
            int handed = node.autoincLock.releaseToNext(now);
            if (handed >= 0) {
                Request next = requests.get(handed);
                next.holdsLock = true;
                startDbCpu(next);
            }
        }
        if (isWrite(r)) {
            replicate(r, r.shard * nodesPerShard);
        }
        r.queriesLeft--;
        nextQuery(r);
    }

    private void finishDatabase(Request r) {
        if (r.connectionNode >= 0) {
            releaseConnection(r);
        }
        DbDemand d = demand(r);
        if (d.rowsAdded() > 0 && nodes.length > 0) {
            nodes[r.shard * nodesPerShard].data.addRows(d.rowsAdded());
        }
    }

    // ---- replication: each replica applies the primary's writes on one thread

    private void replicate(Request r, int primary) {
        for (int k = 1; k < nodesPerShard; k++) {
            DbNode replica = nodes[primary + k];
            replica.pendingCommits.add(now);
            replica.pendingClasses.add(r.requestClass);
            if (!replica.applying) {
                startApply(primary + k);
            }
        }
    }

    private void startApply(int nodeIndex) {
        DbNode replica = nodes[nodeIndex];
        replica.applying = true;
        Request job = requests.allocate();
        job.applyJob = true;
        job.node = nodeIndex;
        job.requestClass = replica.pendingClasses.poll();
        startDbCpu(job);
    }

    private void applied(Request job, DbNode replica) {
        int nodeIndex = job.node;
        replica.pendingCommits.poll();
        requests.release(job);
        replica.applying = false;
        if (!replica.pendingCommits.isEmpty()) {
            startApply(nodeIndex);
        }
    }

    // ---- the queue: jobs handed to the workers

    /** The request's database work is done: hand its job to the queue (if any), then respond. */
    private void afterDatabase(Request r) {
        if (queueWorkers == null || jobDemands[r.requestClass] == null) {
            respond(r);
        } else if (queueInTable) {
            // The queue row was the request's last insert.
            enqueueJob(r.requestClass);
            respond(r);
        } else {
            events.schedule(now + publishLatency.sampleNanos(serviceRandom), PUBLISHED, r.slot);
        }
    }

    private void onPublished(Request r) {
        enqueueJob(r.requestClass);
        respond(r);
    }

    private void enqueueJob(int requestClass) {
        Request job = requests.allocate();
        job.job = true;
        job.requestClass = requestClass;
        job.enteredNanos[Components.QUEUE] = now;
        if (queueWorkers.trySeize(now)) {
            startJob(job);
        } else {
            queueWorkers.enqueue(now, job.slot);
        }
    }

    private void startJob(Request job) {
        events.schedule(now + jobCpuSamplers[job.requestClass].sampleNanos(serviceRandom), JOB_CPU_DONE, job.slot);
    }

    private void jobDone(Request job) {
        depart(queueWorkers.gauge(), Components.QUEUE, job);
        queueWorkers.release(now);
        requests.release(job);
        if (queueWorkers.hasWaiting()) {
            Request next = requests.get(queueWorkers.takeWaiting(now));
            queueWorkers.trySeize(now);
            startJob(next);
        }
    }

    // ---- the response

    private void respond(Request r) {
        releaseWorker(r);
        releaseBackend(r);
        if (!r.timedOut) {
            stats.success(r.requestClass, now, now - r.arrivalNanos);
        }
        requests.release(r);
    }

    /** A request that holds a worker fails: it gives back what it holds, and its client may retry. */
    private void failInService(Request r, ErrorKind kind) {
        if (r.connectionNode >= 0) {
            releaseConnection(r);
        }
        releaseWorker(r);
        releaseBackend(r);
        finishFailed(r, kind);
    }

    /** A request failed before or after holding anything: count it (or retry it) and free it. */
    private void finishFailed(Request r, ErrorKind kind) {
        if (!r.timedOut) {
            attemptFailed(r, kind);
        }
        requests.release(r);
    }

    private void releaseWorker(Request r) {
        Station w = workers[r.backend];
        depart(workersGauge, Components.WORKERS, r);
        w.release(now);
        while (w.hasWaiting()) {
            Request next = requests.get(w.takeWaiting(now));
            if (next.timedOut) {
                // The client has gone; the server reads a closed connection and moves on.
                depart(workersGauge, Components.WORKERS, next);
                releaseBackend(next);
                requests.release(next);
                continue;
            }
            w.trySeize(now);
            startCpu(next);
            return;
        }
    }

    private void depart(Gauge gauge, int kind, Request r) {
        gauge.departure(now - r.enteredNanos[kind]);
    }

    // ---- events

    void event(String component, String kind, String detail) {
        RunEvent e = new RunEvent(Math.round(now / 1e6) / 1e3, component, kind, detail);
        if (runEvents.size() < MAX_EVENTS) {
            runEvents.add(e);
        }
        options.events().accept(e);
    }

    /** An event recorded the first time its condition happens to a component. */
    private void once(String component, String kind, String detail) {
        if (reported.add(component + "/" + kind)) {
            event(component, kind, detail);
        }
    }

    // ---- timeline and result

    private void onTick() {
        accountCredits();
        if (elasticity != null) {
            elasticity.tick((now - lastTick) / 1e9);
        }
        closeInterval();
        boolean more = !arrivalsDone || requests.live() > 0;
        if (more && now + INTERVAL_NANOS <= hardEndNanos) {
            events.schedule(now + INTERVAL_NANOS, TICK, 0);
        }
    }

    /** Charges each burstable node for the CPU it used since the last tick, and applies throttling. */
    private void accountCredits() {
        double seconds = (now - lastTick) / 1e9;
        if (seconds <= 0) {
            return;
        }
        if (poolCredits != null || fleet != null) {
            for (int i = 0; i < cpus.length; i++) {
                double busy = cpus[i].takeBusyArea(now) / 1e9;
                if (fleet != null) {
                    elasticity.cpuBusySeconds[i] = busy;
                }
                if (poolCredits == null || fleet != null && !fleet.billed(i)) {
                    continue;
                }
                if (poolCredits[i].account(busy, seconds)) {
                    event(
                            cpuGauge.name(),
                            "cpu-credits-exhausted",
                            spec.architecture().pool().name() + "-" + (i + 1) + " has no CPU credits left"
                                    + creditConsequence(poolCredits[i]));
                }
                cpuSpeed[i] = poolCredits[i].speed();
            }
        }
        for (DbNode node : nodes) {
            if (node.credits != null) {
                double busy = node.cpu.takeBusyArea(now) / 1e9;
                if (node.credits.account(busy, seconds)) {
                    event(
                            node.name + ".cpu",
                            "cpu-credits-exhausted",
                            node.name + " has no CPU credits left" + creditConsequence(node.credits));
                }
                node.speed = node.credits.speed();
            }
        }
    }

    private static String creditConsequence(CpuCredits c) {
        return c.throttled() ? "; throttled to its baseline" : "; surplus credits are billed";
    }

    private void closeInterval() {
        long start = lastTick;
        long length = now - start;
        if (length <= 0) {
            return;
        }
        Map<String, ComponentSample> samples = new LinkedHashMap<>();
        for (Gauge g : gauges) {
            samples.put(g.name(), g.closeInterval(now, length));
        }
        samples.computeIfPresent(cpuGauge.name(), (k, v) -> v.withMetrics(cpuMetrics(poolCredits, cpus, cpuSpeed)));
        if (elasticity != null) {
            samples.computeIfPresent(workersGauge.name(), (k, v) -> v.withMetrics(elasticity.groupMetrics()));
            elasticity.recordAvailability(stats.intervalCompleted, stats.intervalErrorTotal(), length / 1e9);
        }
        if (cache != null) {
            double hit = intervalCacheLookups == 0 ? cacheHitRatio : (double) intervalCacheHits / intervalCacheLookups;
            samples.computeIfPresent("cache", (k, v) -> v.withMetrics(Map.of("hitRatio", round3(hit))));
            intervalCacheLookups = 0;
            intervalCacheHits = 0;
        }
        for (DbNode node : nodes) {
            samples.computeIfPresent(node.name + ".cpu", (k, v) -> v.withMetrics(nodeCpuMetrics(node)));
            if (node.disk != null) {
                samples.computeIfPresent(node.name + ".disk", (k, v) -> v.withMetrics(diskMetrics(node, length / 1e9)));
            }
        }
        double offered = profile.expectedArrivals(start / 1e9, now / 1e9) / (length / 1e9);
        long arrived = stats.intervalArrivals;
        long completed = stats.intervalCompleted;
        long retried = stats.intervalRetries;
        Map<String, Long> errors = RunStats.errorMap(stats.intervalErrors);
        LatencySummary latency = stats.closeInterval();
        options.timeline()
                .accept(new TimelineRecord(
                        start / 1e9,
                        Math.round(offered * 1000) / 1000.0,
                        arrived,
                        completed,
                        retried,
                        errors,
                        latency,
                        samples));
        lastTick = now;
    }

    private Map<String, Double> cpuMetrics(CpuCredits[] credits, Station[] stations, double[] speeds) {
        Map<String, Double> m = new LinkedHashMap<>();
        double balance = 0;
        double capacity = 0;
        double surplus = 0;
        int throttled = 0;
        int counted = 0;
        for (int i = 0; i < stations.length; i++) {
            if (stations == cpus && fleet != null && !fleet.billed(i)) {
                continue;
            }
            counted++;
            capacity += stations[i].servers() * speeds[i];
            if (credits != null) {
                balance += credits[i].balance();
                surplus += credits[i].surplus();
                throttled += credits[i].throttled() ? 1 : 0;
            }
        }
        m.put("capacity", round3(capacity));
        if (credits != null) {
            m.put("credits", round3(balance / Math.max(1, counted)));
            m.put("throttled", (double) throttled);
            m.put("surplusCredits", round3(surplus));
        }
        return m;
    }

    private Map<String, Double> nodeCpuMetrics(DbNode node) {
        Map<String, Double> m = cpuMetrics(
                node.credits == null ? null : new CpuCredits[] {node.credits},
                new Station[] {node.cpu},
                new double[] {node.speed});
        if (!node.primary) {
            m.put("replicationLagSeconds", round3(node.lagSeconds(now)));
        }
        if (node.data.hasBufferPool()) {
            m.put("bufferPoolHitRatio", round3(node.data.hitRatio()));
            m.put("dataGiB", round3(node.data.dataGiB()));
        }
        return m;
    }

    private Map<String, Double> diskMetrics(DbNode node, double seconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("iops", round3(node.intervalIos / seconds));
        m.put("iopsCap", round3(node.iopsCap(now)));
        if (node.volumeCredits != null) {
            m.put("volumeCredits", Math.floor(node.volumeCredits.balance(now)));
        }
        if (node.ebsCredits != null) {
            m.put("ebsCredits", Math.floor(node.ebsCredits.balance(now)));
        }
        // The volume's queue length as CloudWatch reports it: I/Os waiting, being issued and in flight.
        m.put(
                "queueLength",
                round3(node.ioInFlight.closeInterval(now) + node.disk.gauge().meanLastInterval()));
        node.intervalIos = 0;
        return m;
    }

    private static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private SimResult result() {
        if (now > lastTick) {
            accountCredits();
            closeInterval();
        }
        long end = Math.max(now, 1);
        Map<String, ComponentSummary> components = new LinkedHashMap<>();
        List<LittlesLaw> laws = new ArrayList<>();
        for (Gauge g : gauges) {
            components.put(g.name(), g.summary(end, windowNanos));
            laws.add(new LittlesLaw(g.name(), g.meanInSystem(end), g.departureRate(end), g.meanResidenceSeconds()));
        }
        Map<String, LatencySummary> perClass = new LinkedHashMap<>();
        for (int i = 0; i < classes.length; i++) {
            perClass.put(classes[i].name(), stats.perClass(i));
        }
        double window = windowNanos / 1e9;
        double surplus = surplusCredits();
        RunSummary summary = new RunSummary(
                window,
                stats.arrivals,
                stats.completed,
                Math.round(stats.completedInWindow / window * 1000) / 1000.0,
                stats.errorCount(),
                stats.retries,
                RunStats.errorMap(stats.errors),
                stats.overall(),
                perClass,
                components,
                new CostModel(Catalog.builtIn()).price(spec.architecture(), usage(window, components)),
                elasticity == null ? null : elasticity.availability(stats.completed, stats.errorCount()));
        return new SimResult(
                summary,
                options.seed(),
                end / 1e9,
                List.copyOf(laws),
                stats.overallRecorder().histogram().copy(),
                List.copyOf(runEvents),
                surplus,
                stats.stoppedAt(now));
    }

    /**
     * What the run used, for its bill: the pool's instance-seconds when instances came and went,
     * surplus credits by tier, and the balancer's traffic (every attempt it received, and its
     * requests in flight on average, one client connection each).
     */
    private Usage usage(double window, Map<String, ComponentSummary> components) {
        ComponentSummary lb = components.get("lb");
        return new Usage(
                window,
                fleet == null ? OptionalDouble.empty() : OptionalDouble.of(elasticity.instanceSecondsInWindow()),
                new Usage.SurplusCredits(poolSurplusCredits(), dbSurplusCredits()),
                new Usage.Traffic(stats.arrivals + stats.retries, lb == null ? 0 : lb.meanInUse()),
                stats.completedInWindow);
    }

    private double surplusCredits() {
        return poolSurplusCredits() + dbSurplusCredits();
    }

    private double dbSurplusCredits() {
        double surplus = 0;
        for (DbNode node : nodes) {
            surplus += node.credits != null ? node.credits.surplus() : 0;
        }
        return surplus;
    }

    private double poolSurplusCredits() {
        double surplus = 0;
        if (poolCredits != null) {
            for (CpuCredits c : poolCredits) {
                surplus += c == null ? 0 : c.surplus();
            }
        }
        return surplus;
    }
}
