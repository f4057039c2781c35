package dev.headroom.sim;

import dev.headroom.model.profile.Profile;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import dev.headroom.sim.stats.Gauge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Closes each timeline interval: every gauge's sample, with the metrics that components add to
 * their own sample (credits, hit ratios, IOPS...), and the interval's counts and latencies.
 */
final class IntervalSampler {
    private final Profile profile;
    private final RunStats stats;
    private final List<Gauge> gauges;
    private final TimelineSink timeline;
    private final List<Metrics> metrics = new ArrayList<>();
    private long lastTick;

    /** A component's own metrics, added to its sample when an interval closes. */
    @FunctionalInterface
    interface Metrics {
        void addTo(Map<String, ComponentSample> samples, long now, double seconds);
    }

    IntervalSampler(Profile profile, RunStats stats, List<Gauge> gauges, TimelineSink timeline) {
        this.profile = profile;
        this.stats = stats;
        this.gauges = gauges;
        this.timeline = timeline;
    }

    /** Adds {@code m} after the sources added so far: a source may read what an earlier one closed. */
    void add(Metrics m) {
        metrics.add(m);
    }

    long lastTick() {
        return lastTick;
    }

    void close(long now) {
        long start = lastTick;
        long length = now - start;
        if (length <= 0) {
            return;
        }
        Map<String, ComponentSample> samples = new LinkedHashMap<>();
        for (Gauge g : gauges) {
            samples.put(g.name(), g.closeInterval(now, length));
        }
        for (Metrics m : metrics) {
            m.addTo(samples, now, length / 1e9);
        }
        double offered = profile.expectedArrivals(start / 1e9, now / 1e9) / (length / 1e9);
        long arrived = stats.intervalArrivals;
        long completed = stats.intervalCompleted;
        long retried = stats.intervalRetries;
        Map<String, Long> errors = RunStats.errorMap(stats.intervalErrors);
        LatencySummary latency = stats.closeInterval();
        timeline.accept(new TimelineRecord(
                start / 1e9, round3(offered), arrived, completed, retried, errors, latency, samples));
        lastTick = now;
    }

    static double round3(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
