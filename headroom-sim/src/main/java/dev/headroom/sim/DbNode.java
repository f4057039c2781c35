package dev.headroom.sim;

import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.Disk;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.cache.CheApproximation;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.EventKind;
import dev.headroom.model.run.MetricKey;
import dev.headroom.sim.component.CpuCredits;
import dev.headroom.sim.component.IoCredits;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.engine.IntQueue;
import dev.headroom.sim.engine.LongQueue;
import dev.headroom.sim.stats.Gauge;
import dev.headroom.sim.stats.TimeWeighted;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One database server: the primary of a shard or one of its read replicas. It owns its
 * connections, CPU, disk (with the volume's and the instance's I/O credit buckets), CPU credits,
 * the AUTO_INC table lock (primaries), and for a replica the queue of writes still to apply.
 */
final class DbNode implements IntervalSampler.Metrics {
    final String name;
    final boolean primary;
    final Station connections;
    final Station cpu;
    final Station disk;
    final Station autoincLock;
    final CpuCredits credits;
    double speed = 1.0;
    /** Lost (failed, failing over, or promoted away to replace its primary): takes no new queries. */
    boolean down;
    /** A replica that became its shard's primary after a failover (the primary node stands for it). */
    boolean promotedAway;

    final IoCredits volumeCredits;
    final IoCredits ebsCredits;
    final double diskBaseIops;
    final long ioServiceNanos;
    final long ioLatencyNanos;
    long intervalIos;
    final TimeWeighted ioInFlight = new TimeWeighted();

    /** The shard's data, shared by its primary and replicas. */
    final ShardData data;

    /** Replicas: commit times of writes not yet applied, the class of each, and whether the applier runs. */
    final LongQueue pendingCommits = new LongQueue();

    final IntQueue pendingClasses = new IntQueue();
    boolean applying;

    DbNode(String name, boolean primary, Database db, ShardData data, List<Gauge> gauges) {
        this.name = name;
        this.primary = primary;
        this.data = data;
        int conns = db.connections();
        this.connections = new Station(
                conns,
                Pool.UNLIMITED,
                add(gauges, new Gauge(name + ".connections", "connections", conns == Pool.UNLIMITED ? -1 : conns)));
        this.cpu = new Station(db.cores(), Pool.UNLIMITED, add(gauges, new Gauge(name + ".cpu", "cpu", db.cores())));
        this.credits = db.machine()
                .filter(m -> m.type().burstable())
                .map(CpuCredits::new)
                .orElse(null);
        this.autoincLock = primary && db.autoincLockMode() == 0
                ? new Station(1, Pool.UNLIMITED, add(gauges, new Gauge(name + ".lock.auto_inc", "lock", 1)))
                : null;
        Disk d = db.disk().orElse(null);
        if (d != null) {
            // The disk issues one I/O every 1/IOPS seconds; each I/O then takes its latency.
            this.disk = new Station(1, Pool.UNLIMITED, add(gauges, new Gauge(name + ".disk", "disk", 1)));
            this.ioServiceNanos = Math.max(1, Math.round(1e9 / d.iops()));
            this.ioLatencyNanos = d.latencyNanos();
            this.diskBaseIops = d.iops();
            this.volumeCredits = d.burst().map(IoCredits::new).orElse(null);
            this.ebsCredits = d.instanceLimit().map(IoCredits::new).orElse(null);
        } else {
            this.disk = null;
            this.ioServiceNanos = 0;
            this.ioLatencyNanos = 0;
            this.diskBaseIops = 0;
            this.volumeCredits = null;
            this.ebsCredits = null;
        }
    }

    /** The database's nodes by shard, each shard's primary first and then its replicas; none without a database. */
    record Shards(DbNode[] nodes, int nodesPerShard) {
        static Shards of(Database db, List<Gauge> gauges) {
            if (db == null) {
                return new Shards(new DbNode[0], 1);
            }
            int perShard = 1 + db.replicas();
            DbNode[] nodes = new DbNode[db.shards() * perShard];
            for (int s = 0; s < db.shards(); s++) {
                String base = db.shards() == 1 ? "db" : "db-shard-" + (s + 1);
                ShardData data = new ShardData(db.bufferPool().orElse(null), db.shards());
                nodes[s * perShard] = new DbNode(base, true, db, data, gauges);
                for (int r = 1; r <= db.replicas(); r++) {
                    nodes[s * perShard + r] = new DbNode(base + "-replica-" + r, false, db, data, gauges);
                }
            }
            return new Shards(nodes, perShard);
        }
    }

    private static Gauge add(List<Gauge> gauges, Gauge g) {
        gauges.add(g);
        return g;
    }

    /** Charges the node for the CPU it used over the last {@code seconds}, and applies throttling. */
    void accountCredits(long now, double seconds, RunEvents events) {
        if (credits == null) {
            return;
        }
        double busy = cpu.takeBusyArea(now) / 1e9;
        if (credits.account(busy, seconds)) {
            events.event(
                    name + ".cpu",
                    EventKind.CPU_CREDITS_EXHAUSTED,
                    name + " has no CPU credits left" + Instances.creditConsequence(credits));
        }
        speed = credits.speed();
    }

    @Override
    public void addTo(Map<String, ComponentSample> samples, long now, double seconds) {
        samples.computeIfPresent(name + ".cpu", (k, v) -> v.withMetrics(cpuMetrics(now)));
        if (disk != null) {
            samples.computeIfPresent(name + ".disk", (k, v) -> v.withMetrics(diskMetrics(now, seconds)));
        }
    }

    private Map<String, Double> cpuMetrics(long now) {
        Map<String, Double> m = CpuMetrics.of(
                cpu.servers() * speed,
                credits != null,
                credits == null ? 0 : credits.balance(),
                credits != null && credits.throttled() ? 1 : 0,
                credits == null ? 0 : credits.surplus(),
                new LinkedHashMap<>());
        if (!primary) {
            m.put(MetricKey.REPLICATION_LAG_SECONDS.key(), IntervalSampler.round3(lagSeconds(now)));
        }
        if (data.hasBufferPool()) {
            m.put(MetricKey.BUFFER_POOL_HIT_RATIO.key(), IntervalSampler.round3(data.hitRatio()));
            m.put(MetricKey.DATA_GIB.key(), IntervalSampler.round3(data.dataGiB()));
        }
        return m;
    }

    private Map<String, Double> diskMetrics(long now, double seconds) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricKey.IOPS.key(), IntervalSampler.round3(intervalIos / seconds));
        m.put(MetricKey.IOPS_CAP.key(), IntervalSampler.round3(iopsCap(now)));
        if (volumeCredits != null) {
            m.put(MetricKey.VOLUME_CREDITS.key(), Math.floor(volumeCredits.balance(now)));
        }
        if (ebsCredits != null) {
            m.put(MetricKey.EBS_CREDITS.key(), Math.floor(ebsCredits.balance(now)));
        }
        // The volume's queue length as CloudWatch reports it: I/Os waiting, being issued and in flight.
        m.put(
                MetricKey.QUEUE_LENGTH.key(),
                IntervalSampler.round3(
                        ioInFlight.closeInterval(now) + disk.gauge().meanLastInterval()));
        intervalIos = 0;
        return m;
    }

    /** The IOPS this node's disk allows now: the volume's rate capped by the instance's. */
    double iopsCap(long now) {
        double iops = volumeCredits != null ? volumeCredits.allowedIops(now) : diskBaseIops;
        return ebsCredits != null ? Math.min(iops, ebsCredits.allowedIops(now)) : iops;
    }

    /** Seconds the oldest unapplied write has waited on this replica: its replication lag. */
    double lagSeconds(long now) {
        return pendingCommits.isEmpty() ? 0 : (now - pendingCommits.peek()) / 1e9;
    }

    /**
     * A shard's data set and its buffer pool: the hit ratio by Che's approximation over the pages,
     * recomputed when the data has grown by half a percent since it was last computed.
     */
    static final class ShardData {
        private final Database.BufferPool pool;
        private double dataBytes;
        private double computedAtBytes = -1;
        private double hitRatio = 1.0;

        ShardData(Database.BufferPool pool, int shards) {
            this.pool = pool;
            this.dataBytes = pool == null ? 0 : pool.dataGiB() * GIB / shards;
        }

        static final double GIB = 1024.0 * 1024 * 1024;

        void addRows(double rows) {
            if (pool != null) {
                dataBytes += rows * pool.rowBytes();
            }
        }

        double hitRatio() {
            if (pool == null) {
                return 1.0;
            }
            if (computedAtBytes < 0 || dataBytes > computedAtBytes * 1.005) {
                long pages = Math.max(1, (long) Math.ceil(dataBytes / pool.pageBytes()));
                double cached = pool.sizeGiB() * GIB / pool.pageBytes();
                hitRatio = CheApproximation.zipf(pages, pool.zipf()).hitRatio(cached);
                computedAtBytes = dataBytes;
            }
            return hitRatio;
        }

        double dataGiB() {
            return dataBytes / GIB;
        }

        boolean hasBufferPool() {
            return pool != null;
        }
    }
}
