package dev.headroom.sim;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.ComponentKind;
import dev.headroom.model.random.RandomStream;

/**
 * The registry of stages by component kind (as Caffeine's simulator registers its policies by
 * name), in the order a run lists its components: each entry builds the stage of its kind when
 * the architecture declares one, and the stage adds its gauges. A new kind is a record in the
 * model ({@link ComponentKind}), a stage class and an entry here.
 */
enum StageKind {
    LB(ComponentKind.LB) {
        @Override
        void build(Topology t, Architecture a) {
            t.front.addBalancers(a.lb().orElseThrow(), a.pool(), t.slots, t.gauges);
        }
    },
    POOL(ComponentKind.POOL) {
        @Override
        void build(Topology t, Architecture a) {
            t.instances = new Instances(
                    t.engine,
                    t.events,
                    a.pool(),
                    t.fleet,
                    t.slots,
                    t.classes,
                    t.serviceRandom,
                    t.gauges,
                    t.locks::start);
        }
    },
    CACHE(ComponentKind.CACHE) {
        @Override
        void build(Topology t, Architecture a) {
            t.cache = new CacheStage(t.engine, a.cache().orElseThrow(), RandomStream.of(t.seed, "cache"), t.gauges);
        }
    },
    DB(ComponentKind.DB) {
        @Override
        void build(Topology t, Architecture a) {
            t.shards = DbNode.Shards.of(a.db().orElseThrow(), t.gauges);
        }
    },
    QUEUE(ComponentKind.QUEUE) {
        @Override
        void build(Topology t, Architecture a) {
            t.queue = new JobQueue(
                    t.engine, a.queue().orElseThrow(), t.classes, t.serviceRandom, t.gauges, t.exits::respond);
        }
    };

    private final ComponentKind kind;

    StageKind(ComponentKind kind) {
        this.kind = kind;
    }

    /** Builds this kind's stage into {@code t}; called only when {@code a} declares a component of the kind. */
    abstract void build(Topology t, Architecture a);

    ComponentKind kind() {
        return kind;
    }

    /** The stage registered for {@code kind}. */
    static StageKind of(ComponentKind kind) {
        for (StageKind s : values()) {
            if (s.kind == kind) {
                return s;
            }
        }
        throw new IllegalStateException("no stage registered for the component kind " + kind.key());
    }

    /** The stage registered for the kind named {@code key}; an unknown name lists the valid ones. */
    static StageKind of(String key) {
        return of(ComponentKind.of(key));
    }
}
