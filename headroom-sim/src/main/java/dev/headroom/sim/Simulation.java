package dev.headroom.sim;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Cache;
import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.architecture.Routing;
import dev.headroom.model.arrival.ArrivalProcess;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.workload.RequestClass;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.engine.EventQueue;
import dev.headroom.sim.random.Sampler;
import dev.headroom.sim.stats.Gauge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs a spec request by request. A request arrives from the profile, is routed by the balancer to
 * an instance, takes a worker (or waits in the instance's accept queue), runs its CPU demand on
 * the instance's cores, then makes its database queries one after another: each looks in the
 * cache first if there is one; a miss takes a database connection (held until the request's
 * database work is done), database CPU and disk I/Os. Then the response goes out and the worker,
 * connection and balancer slot are freed.
 *
 * <p>A client that times out counts as an error at its deadline. Its request is dropped where a
 * server would notice (still queued at the balancer or in the accept queue); once a worker has
 * it, the server finishes the work, as real servers do.
 */
public final class Simulation {
    private static final int ARRIVAL = 0;
    private static final int CPU_DONE = 1;
    private static final int CACHE_DONE = 2;
    private static final int DB_CPU_DONE = 3;
    private static final int DISK_SERVED = 4;
    private static final int IO_DONE = 5;
    private static final int TICK = 6;

    static final long INTERVAL_NANOS = 1_000_000_000L;

    private final Spec spec;
    private final SimOptions options;
    private final Profile profile;
    private final EventQueue events = new EventQueue(4096);
    private final Requests requests = new Requests();
    private final RunStats stats;
    private final ArrivalProcess arrivals;

    private final RandomStream mixRandom;
    private final RandomStream serviceRandom;
    private final RandomStream dbRandom;
    private final RandomStream cacheRandom;

    private final RequestClass[] classes;
    private final double[] cumulativeWeights;
    private final Sampler[] cpuSamplers;
    private final Sampler[] dbCpuSamplers;

    private final Gauge[] gauges = new Gauge[Components.COUNT];
    private final Station lb;
    private final int[] outstanding;
    private final int backendLimit;
    private final boolean leastOutstanding;
    private int roundRobin;
    private final Station[] workers;
    private final Station[] cpus;
    private final Station cache;
    private final double cacheHitRatio;
    private final Sampler cacheLatency;
    private final Station dbConnections;
    private final Station dbCpu;
    private final Station disk;
    private final long ioServiceNanos;
    private final long ioLatencyNanos;

    private final long timeoutNanos;
    private final long windowNanos;
    private final long hardEndNanos;
    private long now;
    private long lastTick;
    private boolean arrivalsDone;

    private Simulation(Spec spec, SimOptions options) {
        this.spec = spec;
        this.options = options;
        this.profile = spec.workload().profile();
        Architecture a = spec.architecture();
        double window = options.durationSeconds().orElse(profile.durationSeconds());
        window = Math.min(window, profile.durationSeconds());
        this.windowNanos = (long) Math.ceil(window * 1e9);
        this.timeoutNanos = a.client().timeoutNanos();
        long end = windowNanos + timeoutNanos;
        this.hardEndNanos = (end + INTERVAL_NANOS - 1) / INTERVAL_NANOS * INTERVAL_NANOS;
        long seed = options.seed();

        this.arrivals =
                new ArrivalProcess(profile, spec.workload().arrivals(), RandomStream.of(seed, "arrivals"), window);
        this.mixRandom = RandomStream.of(seed, "mix");
        this.serviceRandom = RandomStream.of(seed, "service");
        this.dbRandom = RandomStream.of(seed, "db");
        this.cacheRandom = RandomStream.of(seed, "cache");

        List<RequestClass> cls = spec.workload().classes();
        classes = cls.toArray(new RequestClass[0]);
        cumulativeWeights = new double[classes.length];
        cpuSamplers = new Sampler[classes.length];
        dbCpuSamplers = new Sampler[classes.length];
        double sum = 0;
        for (int i = 0; i < classes.length; i++) {
            sum += classes[i].weight();
            cumulativeWeights[i] = sum;
            cpuSamplers[i] = Sampler.of(classes[i].cpu());
            dbCpuSamplers[i] = Sampler.of(classes[i].db().cpu());
        }
        this.stats = new RunStats(classes.length, windowNanos);

        Pool pool = a.pool();
        int n = pool.instances();
        LoadBalancer balancer = a.lb().orElse(null);
        if (balancer != null) {
            int limit = balancer.backendLimit().orElse(Pool.UNLIMITED);
            gauges[Components.LB] = new Gauge("lb", "lb", limit == Pool.UNLIMITED ? -1 : (long) limit * n);
            lb = new Station(Pool.UNLIMITED, balancer.queueLimit(), gauges[Components.LB]);
            backendLimit = limit;
            leastOutstanding = balancer.routing() == Routing.LEAST_OUTSTANDING;
        } else {
            lb = null;
            backendLimit = Pool.UNLIMITED;
            leastOutstanding = false;
        }
        outstanding = new int[n];
        gauges[Components.WORKERS] = new Gauge(pool.name(), "workers", capacity(pool.workers(), n));
        gauges[Components.CPU] = new Gauge(pool.name() + ".cpu", "cpu", (long) pool.cores() * n);
        workers = new Station[n];
        cpus = new Station[n];
        for (int i = 0; i < n; i++) {
            workers[i] = new Station(pool.workers(), pool.acceptQueue(), gauges[Components.WORKERS]);
            cpus[i] = new Station(pool.cores(), Pool.UNLIMITED, gauges[Components.CPU]);
        }

        Cache c = a.cache().orElse(null);
        if (c != null) {
            gauges[Components.CACHE] = new Gauge("cache", "cache", c.cores());
            cache = new Station(c.cores(), Pool.UNLIMITED, gauges[Components.CACHE]);
            cacheHitRatio = c.hitRatio();
            cacheLatency = Sampler.of(c.latency());
        } else {
            cache = null;
            cacheHitRatio = 0;
            cacheLatency = null;
        }

        Database db = a.db().orElse(null);
        if (db != null) {
            gauges[Components.DB_CONNECTIONS] =
                    new Gauge("db.connections", "connections", capacity(db.connections(), 1));
            gauges[Components.DB_CPU] = new Gauge("db.cpu", "cpu", db.cores());
            dbConnections = new Station(db.connections(), Pool.UNLIMITED, gauges[Components.DB_CONNECTIONS]);
            dbCpu = new Station(db.cores(), Pool.UNLIMITED, gauges[Components.DB_CPU]);
        } else {
            dbConnections = null;
            dbCpu = null;
        }
        Disk d = db == null ? null : db.disk().orElse(null);
        if (d != null) {
            // The disk is a server that issues one I/O every 1/IOPS seconds; each I/O then takes its latency.
            gauges[Components.DISK] = new Gauge("db.disk", "disk", 1);
            disk = new Station(1, Pool.UNLIMITED, gauges[Components.DISK]);
            ioServiceNanos = Math.max(1, Math.round(1e9 / d.iops()));
            ioLatencyNanos = d.latencyNanos();
        } else {
            disk = null;
            ioServiceNanos = 0;
            ioLatencyNanos = 0;
        }
    }

    private static long capacity(int perInstance, int instances) {
        return perInstance == Pool.UNLIMITED ? -1 : (long) perInstance * instances;
    }

    /** Runs {@code spec} to the end of its profile (or the options' shorter duration) and drains. */
    public static SimResult run(Spec spec, SimOptions options) {
        return new Simulation(spec, options).execute();
    }

    private SimResult execute() {
        long first = arrivals.next();
        if (first == Long.MAX_VALUE) {
            arrivalsDone = true;
        } else {
            events.schedule(first, ARRIVAL, 0);
        }
        events.schedule(INTERVAL_NANOS, TICK, 0);
        while (!events.isEmpty()) {
            long t = events.peekTime();
            if (t > hardEndNanos) {
                break;
            }
            while (requests.nextDeadline() < t) {
                expire();
            }
            events.poll();
            now = t;
            dispatch(events.polledKind(), events.polledArg());
        }
        now = Math.max(now, lastTick);
        while (requests.nextDeadline() <= now) {
            expire();
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
            default -> throw new IllegalStateException("unknown event kind " + kind);
        }
    }

    private void expire() {
        Request r = requests.popDeadline();
        if (r != null && !r.timedOut) {
            r.timedOut = true;
            stats.error(ErrorKind.TIMEOUT);
        }
    }

    // ---- arrival and routing

    private void onArrival() {
        Request r = requests.allocate();
        r.requestClass = pickClass();
        r.arrivalNanos = now;
        r.deadlineNanos = now + timeoutNanos;
        r.backend = -1;
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
        if (lb == null) {
            r.backend = 0;
            accept(r);
            return;
        }
        r.enteredNanos[Components.LB] = now;
        int b = pickBackend();
        if (b >= 0) {
            admit(r, b);
        } else if (!lb.enqueue(now, r.slot)) {
            stats.error(ErrorKind.LB_QUEUE_FULL);
            requests.release(r);
        }
    }

    private int pickBackend() {
        int n = outstanding.length;
        int best = -1;
        for (int i = 0; i < n; i++) {
            int b = roundRobin + i;
            if (b >= n) {
                b -= n;
            }
            if (outstanding[b] < backendLimit) {
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

    private void admit(Request r, int b) {
        outstanding[b]++;
        lb.trySeize(now);
        r.backend = b;
        accept(r);
    }

    private void releaseBackend(Request r) {
        if (lb == null) {
            return;
        }
        outstanding[r.backend]--;
        lb.release(now);
        depart(Components.LB, r);
        while (lb.hasWaiting()) {
            Request next = requests.get(lb.takeWaiting(now));
            if (next.timedOut) {
                depart(Components.LB, next);
                requests.release(next);
                continue;
            }
            admit(next, pickBackend());
            return;
        }
    }

    // ---- the instance: worker, then CPU

    private void accept(Request r) {
        Station w = workers[r.backend];
        r.enteredNanos[Components.WORKERS] = now;
        if (w.trySeize(now)) {
            startCpu(r);
        } else if (!w.enqueue(now, r.slot)) {
            stats.error(ErrorKind.ACCEPT_QUEUE_FULL);
            releaseBackend(r);
            requests.release(r);
        }
    }

    private void startCpu(Request r) {
        Station c = cpus[r.backend];
        r.enteredNanos[Components.CPU] = now;
        if (c.trySeize(now)) {
            events.schedule(now + cpuSamplers[r.requestClass].sampleNanos(serviceRandom), CPU_DONE, r.slot);
        } else {
            c.enqueue(now, r.slot);
        }
    }

    private void onCpuDone(Request r) {
        Station c = cpus[r.backend];
        depart(Components.CPU, r);
        c.release(now);
        if (c.hasWaiting()) {
            Request next = requests.get(c.takeWaiting(now));
            c.trySeize(now);
            events.schedule(now + cpuSamplers[next.requestClass].sampleNanos(serviceRandom), CPU_DONE, next.slot);
        }
        r.queriesLeft = classes[r.requestClass].db().queries();
        nextQuery(r);
    }

    // ---- database work: cache, connection, CPU, disk

    private void nextQuery(Request r) {
        if (r.queriesLeft == 0) {
            respond(r);
        } else if (cache != null) {
            r.enteredNanos[Components.CACHE] = now;
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
        depart(Components.CACHE, r);
        cache.release(now);
        if (cache.hasWaiting()) {
            Request next = requests.get(cache.takeWaiting(now));
            cache.trySeize(now);
            events.schedule(now + cacheLatency.sampleNanos(cacheRandom), CACHE_DONE, next.slot);
        }
        if (cacheRandom.nextDouble() < cacheHitRatio) {
            r.queriesLeft--;
            nextQuery(r);
        } else {
            startQuery(r);
        }
    }

    private void startQuery(Request r) {
        if (r.holdsConnection) {
            startDbCpu(r);
            return;
        }
        r.enteredNanos[Components.DB_CONNECTIONS] = now;
        if (dbConnections.trySeize(now)) {
            r.holdsConnection = true;
            startDbCpu(r);
        } else {
            dbConnections.enqueue(now, r.slot);
        }
    }

    private void startDbCpu(Request r) {
        r.enteredNanos[Components.DB_CPU] = now;
        if (dbCpu.trySeize(now)) {
            events.schedule(now + dbCpuSamplers[r.requestClass].sampleNanos(dbRandom), DB_CPU_DONE, r.slot);
        } else {
            dbCpu.enqueue(now, r.slot);
        }
    }

    private void onDbCpuDone(Request r) {
        depart(Components.DB_CPU, r);
        dbCpu.release(now);
        if (dbCpu.hasWaiting()) {
            Request next = requests.get(dbCpu.takeWaiting(now));
            dbCpu.trySeize(now);
            events.schedule(now + dbCpuSamplers[next.requestClass].sampleNanos(dbRandom), DB_CPU_DONE, next.slot);
        }
        r.iosLeft = classes[r.requestClass].db().ioPerQuery();
        nextIo(r);
    }

    private void nextIo(Request r) {
        if (r.iosLeft == 0) {
            r.queriesLeft--;
            nextQuery(r);
            return;
        }
        r.enteredNanos[Components.DISK] = now;
        if (disk.trySeize(now)) {
            events.schedule(now + ioServiceNanos, DISK_SERVED, r.slot);
        } else {
            disk.enqueue(now, r.slot);
        }
    }

    private void onDiskServed(Request r) {
        depart(Components.DISK, r);
        disk.release(now);
        if (disk.hasWaiting()) {
            Request next = requests.get(disk.takeWaiting(now));
            disk.trySeize(now);
            events.schedule(now + ioServiceNanos, DISK_SERVED, next.slot);
        }
        if (ioLatencyNanos > 0) {
            events.schedule(now + ioLatencyNanos, IO_DONE, r.slot);
        } else {
            onIoDone(r);
        }
    }

    private void onIoDone(Request r) {
        r.iosLeft--;
        nextIo(r);
    }

    // ---- the response

    private void respond(Request r) {
        if (r.holdsConnection) {
            depart(Components.DB_CONNECTIONS, r);
            dbConnections.release(now);
            r.holdsConnection = false;
            if (dbConnections.hasWaiting()) {
                Request next = requests.get(dbConnections.takeWaiting(now));
                dbConnections.trySeize(now);
                next.holdsConnection = true;
                startDbCpu(next);
            }
        }
        releaseWorker(r);
        releaseBackend(r);
        if (!r.timedOut) {
            stats.success(r.requestClass, now, now - r.arrivalNanos);
        }
        requests.release(r);
    }

    private void releaseWorker(Request r) {
        Station w = workers[r.backend];
        depart(Components.WORKERS, r);
        w.release(now);
        while (w.hasWaiting()) {
            Request next = requests.get(w.takeWaiting(now));
            if (next.timedOut) {
                // The client has gone; the server reads a closed connection and moves on.
                depart(Components.WORKERS, next);
                releaseBackend(next);
                requests.release(next);
                continue;
            }
            w.trySeize(now);
            startCpu(next);
            return;
        }
    }

    private void depart(int component, Request r) {
        gauges[component].departure(now - r.enteredNanos[component]);
    }

    // ---- timeline and result

    private void onTick() {
        closeInterval();
        boolean more = !arrivalsDone || requests.live() > 0;
        if (more && now + INTERVAL_NANOS <= hardEndNanos) {
            events.schedule(now + INTERVAL_NANOS, TICK, 0);
        }
    }

    private void closeInterval() {
        long start = lastTick;
        long length = now - start;
        if (length <= 0) {
            return;
        }
        Map<String, ComponentSample> samples = new LinkedHashMap<>();
        for (Gauge g : gauges) {
            if (g != null) {
                samples.put(g.name(), g.closeInterval(now, length));
            }
        }
        double offered = profile.expectedArrivals(start / 1e9, now / 1e9) / (length / 1e9);
        TimelineRecord record = new TimelineRecord(
                start / 1e9,
                Math.round(offered * 1000) / 1000.0,
                stats.intervalArrivals,
                stats.intervalCompleted,
                RunStats.errorMap(stats.intervalErrors),
                null,
                samples);
        LatencySummary latency = stats.closeInterval();
        options.timeline()
                .accept(new TimelineRecord(
                        record.t(),
                        record.offeredPerSecond(),
                        record.arrivals(),
                        record.completed(),
                        record.errors(),
                        latency,
                        record.components()));
        lastTick = now;
    }

    private SimResult result() {
        if (now > lastTick) {
            closeInterval();
        }
        long end = Math.max(now, 1);
        Map<String, ComponentSummary> components = new LinkedHashMap<>();
        List<LittlesLaw> laws = new ArrayList<>();
        for (Gauge g : gauges) {
            if (g != null) {
                components.put(g.name(), g.summary(end, windowNanos));
                laws.add(new LittlesLaw(g.name(), g.meanInSystem(end), g.departureRate(end), g.meanResidenceSeconds()));
            }
        }
        Map<String, LatencySummary> perClass = new LinkedHashMap<>();
        for (int i = 0; i < classes.length; i++) {
            perClass.put(classes[i].name(), stats.perClass(i));
        }
        double window = windowNanos / 1e9;
        RunSummary summary = new RunSummary(
                window,
                stats.arrivals,
                stats.completed,
                Math.round(stats.completedInWindow / window * 1000) / 1000.0,
                stats.errorCount(),
                RunStats.errorMap(stats.errors),
                stats.overall(),
                perClass,
                components);
        return new SimResult(
                summary,
                options.seed(),
                end / 1e9,
                List.copyOf(laws),
                stats.overallRecorder().histogram().copy());
    }

    /** The spec this simulation runs (for reporting). */
    Spec spec() {
        return spec;
    }
}
