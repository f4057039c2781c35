package dev.headroom.sim;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.ComponentKind;
import dev.headroom.model.architecture.MessageQueue;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.spec.Spec;
import dev.headroom.sim.fleet.Fleet;
import dev.headroom.sim.stats.Gauge;
import java.util.ArrayList;
import java.util.List;

/**
 * The stages a spec is built into, once, before the run: the request classes' named locks, then
 * each component kind the architecture declares through its {@link StageKind} registration (in
 * the order the run lists its components, each stage adding its gauges), then the connections and
 * the database work that tie them together.
 */
final class Topology {
    final Engine engine;
    final RunEvents events;
    final RequestClasses classes;
    final List<Gauge> gauges = new ArrayList<>();
    final long seed;
    final RandomStream serviceRandom;
    final RandomStream dbRandom;
    /** Null for a fixed pool (no autoscaling, no failures). */
    final Fleet fleet;
    /** Instance slots: a dead or draining instance keeps its slot while its work finishes. */
    final int slots;

    final Exits exits;

    final LockStage locks;
    final Front front;
    Instances instances;
    /** Null without a cache. */
    CacheStage cache;

    DbNode.Shards shards = DbNode.Shards.of(null, List.of());
    /** Null without a message queue. */
    JobQueue queue;

    final Connections connections;
    final Database database;

    /** Where requests leave the topology: the client's side of the run. */
    interface Exits {
        void respond(Request r);

        void afterDatabase(Request r);

        void failInService(Request r, ErrorKind kind);

        void finishFailed(Request r, ErrorKind kind);
    }

    /** {@code elastic}: model a fleet (instances that come and go) even without autoscaling or failures. */
    Topology(Engine engine, RunEvents events, Spec spec, long seed, boolean elastic, Exits exits) {
        this.engine = engine;
        this.events = events;
        this.seed = seed;
        this.exits = exits;
        Architecture a = spec.architecture();
        this.serviceRandom = RandomStream.of(seed, "service");
        this.dbRandom = RandomStream.of(seed, "db");
        MessageQueue mq = a.queue().orElse(null);
        this.classes =
                new RequestClasses(spec.workload().classes(), mq != null && mq.kind() == MessageQueue.Kind.TABLE);
        this.locks = new LockStage(engine, events, classes.classes, dbRandom, gauges, this::startDatabase);
        Pool pool = a.pool();
        boolean dynamic =
                elastic || pool.autoscaling().isPresent() || !spec.failures().isEmpty();
        this.slots = dynamic ? 2 * pool.maxInstances() : pool.instances();
        this.fleet = dynamic
                ? new Fleet(
                        slots,
                        pool.instances(),
                        pool.autoscaling().map(x -> x.min()).orElse(pool.instances()),
                        pool.maxInstances(),
                        pool.zones())
                : null;
        this.front = new Front(engine, fleet);
        for (ComponentKind kind : ComponentKind.values()) {
            if (kind.in(a).isPresent()) {
                StageKind.of(kind).build(this, a);
            }
        }
        this.connections = new Connections(engine, events, shards.nodes(), pool, slots, gauges);
        this.database = new Database(
                engine,
                events,
                classes,
                shards,
                dbRandom,
                RandomStream.of(seed, "shards"),
                connections,
                new Database.Exits() {
                    @Override
                    public void done(Request r) {
                        exits.afterDatabase(r);
                    }

                    @Override
                    public void failInService(Request r, ErrorKind kind) {
                        exits.failInService(r, kind);
                    }
                });
        wire();
    }

    private void startDatabase(Request r) {
        database.start(r);
    }

    private void wire() {
        Instances.Exits instanceExits = new Instances.Exits() {
            @Override
            public void releaseBackend(Request r) {
                front.release(r);
            }

            @Override
            public void finishFailed(Request r, ErrorKind kind) {
                exits.finishFailed(r, kind);
            }
        };
        front.attach(instances, instanceExits);
        instances.attach(instanceExits);
        if (cache != null) {
            database.attach(cache);
        }
        if (queue != null) {
            queue.attach(database);
        }
    }

    /** The components' own metrics, in the order they are added to their samples. */
    void addMetrics(IntervalSampler sampler, Elasticity elasticity, RunStats stats) {
        sampler.add(instances);
        if (elasticity != null) {
            elasticity.addMetrics(sampler, stats);
        }
        if (cache != null) {
            sampler.add(cache);
        }
        for (DbNode node : database.nodes) {
            sampler.add(node);
        }
    }
}
