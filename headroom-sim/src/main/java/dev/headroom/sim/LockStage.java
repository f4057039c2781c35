package dev.headroom.sim;

import dev.headroom.model.architecture.Pool;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.EventKind;
import dev.headroom.model.workload.NamedLock;
import dev.headroom.model.workload.RequestClass;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.random.Sampler;
import dev.headroom.sim.stats.Gauge;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The named locks each request class holds in turn, each for its sampled hold time; then the request goes on. */
final class LockStage extends ServiceStage {
    /** Waiters on a lock that make a convoy worth an event. */
    static final int CONVOY_WAITERS = 10;

    private final RunEvents events;
    private final RandomStream random;
    /** Per class, the locks it holds in turn, and how long it holds each. */
    private final Station[][] classLocks;

    private final Sampler[][] holds;
    private final Consumer<Request> onward;

    LockStage(
            Engine engine,
            RunEvents events,
            RequestClass[] classes,
            RandomStream random,
            List<Gauge> gauges,
            Consumer<Request> onward) {
        super(engine, Components.LOCK);
        this.events = events;
        this.random = random;
        this.onward = onward;
        classLocks = new Station[classes.length][];
        holds = new Sampler[classes.length][];
        Map<String, Station> locksByName = new LinkedHashMap<>();
        for (int i = 0; i < classes.length; i++) {
            List<NamedLock> locks = classes[i].locks();
            classLocks[i] = new Station[locks.size()];
            holds[i] = new Sampler[locks.size()];
            for (int k = 0; k < locks.size(); k++) {
                classLocks[i][k] = locksByName.computeIfAbsent(locks.get(k).name(), n -> {
                    Gauge g = new Gauge("lock." + n, "lock", 1);
                    gauges.add(g);
                    return new Station(1, Pool.UNLIMITED, g);
                });
                holds[i][k] = Sampler.of(locks.get(k).hold());
            }
        }
    }

    /** {@code r} takes its class's first lock, or goes on if its class holds none. */
    void start(Request r) {
        r.lockStep = 0;
        next(r);
    }

    private void next(Request r) {
        if (r.lockStep == classLocks[r.requestClass].length) {
            onward.accept(r);
        } else {
            enter(r);
        }
    }

    @Override
    public void on(int slot) {
        complete(slot);
    }

    @Override
    Station station(Request r) {
        return classLocks[r.requestClass][r.lockStep];
    }

    @Override
    long serviceNanos(Request r, Station station) {
        return holds[r.requestClass][r.lockStep].sampleNanos(random);
    }

    @Override
    void queued(Station lock) {
        if (lock.gauge().waiting() >= CONVOY_WAITERS) {
            events.once(
                    lock.gauge().name(),
                    EventKind.LOCK_CONVOY,
                    "requests queue for " + lock.gauge().name());
        }
    }

    @Override
    void served(Request r) {
        r.lockStep++;
        next(r);
    }
}
