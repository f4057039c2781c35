package dev.headroom.sim;

import dev.headroom.model.architecture.Cache;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.MetricKey;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.random.Sampler;
import dev.headroom.sim.stats.Gauge;
import java.util.List;
import java.util.Map;

/**
 * The cache in front of the database: a read looks there first, takes the cache's latency on one
 * of its cores, and hits with the cache's hit ratio; a miss goes on to the database.
 */
final class CacheStage extends ServiceStage implements IntervalSampler.Metrics {
    static final String NAME = "cache";

    private final Station station;
    private final double hitRatio;
    private final Sampler latency;
    private final RandomStream random;
    private Database.Reads reads;
    private long intervalLookups;
    private long intervalHits;
    /** Lost to a failure: reads skip it. */
    private boolean down;

    CacheStage(Engine engine, Cache cache, RandomStream random, List<Gauge> gauges) {
        super(engine, Components.CACHE);
        Gauge g = new Gauge(NAME, "cache", cache.cores());
        gauges.add(g);
        this.station = new Station(cache.cores(), Pool.UNLIMITED, g);
        this.hitRatio = cache.hitRatio();
        this.latency = Sampler.of(cache.latency());
        this.random = random;
    }

    /** Where hits and misses go (the database, built after the cache). */
    void attach(Database.Reads reads) {
        this.reads = reads;
    }

    boolean up() {
        return !down;
    }

    void fail() {
        down = true;
    }

    void restore() {
        down = false;
    }

    void lookUp(Request r) {
        intervalLookups++;
        enter(r);
    }

    @Override
    public void on(int slot) {
        complete(slot);
    }

    @Override
    Station station(Request r) {
        return station;
    }

    @Override
    long serviceNanos(Request r, Station s) {
        return latency.sampleNanos(random);
    }

    @Override
    void served(Request r) {
        if (random.nextDouble() < hitRatio) {
            intervalHits++;
            reads.hit(r);
        } else {
            reads.miss(r);
        }
    }

    @Override
    public void addTo(Map<String, ComponentSample> samples, long now, double seconds) {
        double hit = intervalLookups == 0 ? hitRatio : (double) intervalHits / intervalLookups;
        samples.computeIfPresent(
                NAME, (k, v) -> v.withMetrics(Map.of(MetricKey.HIT_RATIO.key(), IntervalSampler.round3(hit))));
        intervalLookups = 0;
        intervalHits = 0;
    }
}
