package dev.headroom.sim;

import dev.headroom.model.architecture.Pool;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.EventKind;
import dev.headroom.sim.component.CpuCredits;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.fleet.Fleet;
import dev.headroom.sim.stats.Gauge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The pool's instances: a request takes a worker (or waits in the instance's accept queue), runs
 * its CPU demand on the instance's cores, then goes on; its worker is freed when it responds. Each
 * instance has a slot; with a fleet, slots are launched, drained and killed during the run.
 */
final class Instances implements IntervalSampler.Metrics {
    private final Engine engine;
    private final RunEvents events;
    final Pool pool;
    /** Null for a fixed pool. */
    final Fleet fleet;

    final Gauge workersGauge;
    final Gauge cpuGauge;
    final Station[] workers;
    final Station[] cpus;
    final double[] cpuSpeed;
    /** Null when the instances are not burstable. */
    final CpuCredits[] credits;
    /** Each slot's busy CPU seconds over the last tick, for the autoscaler. */
    final double[] cpuBusySeconds;

    private final CpuStage cpu;
    private Exits exits;
    private long accepted;

    /** How a request leaves: with its balancer slot given back, or failed before it took a worker. */
    interface Exits {
        void releaseBackend(Request r);

        void finishFailed(Request r, ErrorKind kind);
    }

    Instances(
            Engine engine,
            RunEvents events,
            Pool pool,
            Fleet fleet,
            int slots,
            RequestClasses classes,
            RandomStream serviceRandom,
            List<Gauge> gauges,
            Consumer<Request> afterCpu) {
        this.engine = engine;
        this.events = events;
        this.pool = pool;
        this.fleet = fleet;
        int initial = pool.instances();
        workersGauge = new Gauge(
                pool.name(), "workers", pool.workers() == Pool.UNLIMITED ? -1 : (long) pool.workers() * initial);
        cpuGauge = new Gauge(pool.name() + ".cpu", "cpu", (long) pool.cores() * initial);
        gauges.add(workersGauge);
        gauges.add(cpuGauge);
        workers = new Station[slots];
        cpus = new Station[slots];
        cpuSpeed = new double[slots];
        cpuBusySeconds = new double[slots];
        for (int i = 0; i < slots; i++) {
            workers[i] = new Station(pool.workers(), pool.acceptQueue(), workersGauge);
            cpus[i] = new Station(pool.cores(), Pool.UNLIMITED, cpuGauge);
            cpuSpeed[i] = 1.0;
        }
        credits = pool.machine()
                .filter(m -> m.type().burstable())
                .map(m -> {
                    CpuCredits[] c = new CpuCredits[slots];
                    for (int i = 0; i < slots; i++) {
                        c[i] = new CpuCredits(m);
                    }
                    return c;
                })
                .orElse(null);
        this.cpu = new CpuStage(engine, this, classes, serviceRandom, afterCpu);
    }

    void attach(Exits exits) {
        this.exits = exits;
    }

    /** A request routed to instance {@code r.backend} takes a worker, or waits for one in the accept queue. */
    void accept(Request r) {
        if (fleet != null) {
            if (fleet.state(r.backend) == Fleet.DEAD) {
                // Sent to an instance the balancer has not yet found dead: a 502.
                exits.releaseBackend(r);
                exits.finishFailed(r, ErrorKind.BACKEND_FAILED);
                return;
            }
            accepted++;
        }
        Station w = workers[r.backend];
        long now = engine.now;
        r.enteredNanos[Components.WORKERS] = now;
        // A free worker with a line in front of it is being handed to the head of that line (see
        // releaseWorker, which can admit a request from the balancer mid-hand-over): join the line.
        if (!w.hasWaiting() && w.trySeize(now)) {
            cpu.enter(r);
        } else if (!w.enqueue(now, r.slot)) {
            exits.releaseBackend(r);
            exits.finishFailed(r, ErrorKind.ACCEPT_QUEUE_FULL);
        }
    }

    /** Requests the instances accepted since the last call (the autoscaler's request count). */
    long takeAccepted() {
        long n = accepted;
        accepted = 0;
        return n;
    }

    void releaseWorker(Request r) {
        Station w = workers[r.backend];
        long now = engine.now;
        workersGauge.departure(now - r.enteredNanos[Components.WORKERS]);
        w.release(now);
        while (w.hasWaiting()) {
            Request next = engine.requests.get(w.takeWaiting(now));
            if (next.timedOut) {
                // The client has gone; the server reads a closed connection and moves on.
                workersGauge.departure(now - next.enteredNanos[Components.WORKERS]);
                exits.releaseBackend(next);
                engine.requests.release(next);
                continue;
            }
            w.trySeize(now);
            cpu.enter(next);
            return;
        }
    }

    /**
     * Slot {@code slot} gets a new instance (the group added it): full speed, and a burstable
     * type's launch credits.
     */
    void add(int slot) {
        cpuSpeed[slot] = 1.0;
        if (credits != null) {
            credits[slot] = new CpuCredits(pool.machine().orElseThrow());
        }
    }

    /** {@code inService} instances take traffic or drain: the pool's capacity in workers and cores. */
    void serving(int inService) {
        workersGauge.setCapacity(engine.now, pool.workers() == Pool.UNLIMITED ? -1 : (long) pool.workers() * inService);
        cpuGauge.setCapacity(engine.now, (long) pool.cores() * inService);
    }

    /** The busy CPU seconds of slot {@code slot} over the last tick (with a fleet). */
    double busySeconds(int slot) {
        return cpuBusySeconds[slot];
    }

    int cores(int slot) {
        return cpus[slot].servers();
    }

    /** The pool's name, the name of its workers' sample. */
    String name() {
        return workersGauge.name();
    }

    boolean idle(int slot) {
        Station w = workers[slot];
        return w.busy() == 0 && !w.hasWaiting();
    }

    /** Charges each burstable instance for the CPU it used over the last {@code seconds}, and applies throttling. */
    void accountCredits(double seconds) {
        if (credits == null && fleet == null) {
            return;
        }
        for (int i = 0; i < cpus.length; i++) {
            double busy = cpus[i].takeBusyArea(engine.now) / 1e9;
            if (fleet != null) {
                cpuBusySeconds[i] = busy;
            }
            if (credits == null || fleet != null && !fleet.billed(i)) {
                continue;
            }
            if (credits[i].account(busy, seconds)) {
                events.event(
                        cpuGauge.name(),
                        EventKind.CPU_CREDITS_EXHAUSTED,
                        pool.name() + "-" + (i + 1) + " has no CPU credits left" + creditConsequence(credits[i]));
            }
            cpuSpeed[i] = credits[i].speed();
        }
    }

    static String creditConsequence(CpuCredits c) {
        return c.throttled() ? "; throttled to its baseline" : "; surplus credits are billed";
    }

    double surplusCredits() {
        double surplus = 0;
        if (credits != null) {
            for (CpuCredits c : credits) {
                surplus += c == null ? 0 : c.surplus();
            }
        }
        return surplus;
    }

    @Override
    public void addTo(Map<String, ComponentSample> samples, long now, double seconds) {
        samples.computeIfPresent(cpuGauge.name(), (k, v) -> v.withMetrics(cpuMetrics()));
    }

    private Map<String, Double> cpuMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        double balance = 0;
        double capacity = 0;
        double surplus = 0;
        int throttled = 0;
        int counted = 0;
        for (int i = 0; i < cpus.length; i++) {
            if (fleet != null && !fleet.billed(i)) {
                continue;
            }
            counted++;
            capacity += cpus[i].servers() * cpuSpeed[i];
            if (credits != null) {
                balance += credits[i].balance();
                surplus += credits[i].surplus();
                throttled += credits[i].throttled() ? 1 : 0;
            }
        }
        return CpuMetrics.of(capacity, credits != null, balance / Math.max(1, counted), throttled, surplus, m);
    }
}
