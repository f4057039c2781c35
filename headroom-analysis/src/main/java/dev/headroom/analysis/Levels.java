package dev.headroom.analysis;

import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * A ramp or step run cut into load levels: consecutive intervals whose offered rate stays within
 * {@value #SAME_LEVEL} of the level's first. A level's throughput is its successful responses over
 * its length, leaving out its first interval when it has three or more (the step's transient); its
 * p99 is the median of its intervals' p99 (percentiles of different intervals are never averaged).
 */
record Levels(List<Level> levels) {
    static final double SAME_LEVEL = 0.05;
    /** A run whose offered rate varies less than this (max over min) has one level: no knee to find. */
    static final double VARIES = 1.2;

    /**
     * One level: its offered rate, throughput and p99 over {@code seconds} (its transient left out).
     * {@code offeredRequests} is the request rate offered, the same as {@code offered} unless the
     * arrivals are journeys of several requests each: throughput is compared with it.
     */
    record Level(
            int firstInterval,
            int lastInterval,
            double t,
            double seconds,
            double offered,
            double offeredRequests,
            double throughput,
            long completions,
            double p99) {}

    /** The levels up to the peak of the offered rate, or empty when the rate does not vary. */
    static Levels of(List<TimelineRecord> timeline, double intervalSeconds) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        int peak = -1;
        for (int i = 0; i < timeline.size(); i++) {
            double o = timeline.get(i).offeredPerSecond();
            if (o > 0) {
                min = Math.min(min, o);
            }
            if (o > max) {
                max = o;
                peak = i;
            }
        }
        List<Level> out = new ArrayList<>();
        if (peak < 0 || max < VARIES * min) {
            return new Levels(out);
        }
        int start = -1;
        for (int i = 0; i <= peak + 1 && i <= timeline.size(); i++) {
            boolean end = i == timeline.size()
                    || i == peak + 1
                    || (start >= 0
                            && Math.abs(timeline.get(i).offeredPerSecond()
                                            - timeline.get(start).offeredPerSecond())
                                    > SAME_LEVEL * timeline.get(start).offeredPerSecond());
            if (start >= 0 && end) {
                out.add(level(timeline, start, i - 1, intervalSeconds));
                start = -1;
            }
            if (start < 0 && i < timeline.size() && i <= peak && timeline.get(i).offeredPerSecond() > 0) {
                start = i;
            }
        }
        return new Levels(out);
    }

    private static Level level(List<TimelineRecord> timeline, int from, int to, double intervalSeconds) {
        int first = to - from >= 2 ? from + 1 : from;
        long completed = 0;
        double offered = 0;
        double offeredRequests = 0;
        List<Double> p99s = new ArrayList<>();
        for (int i = first; i <= to; i++) {
            TimelineRecord r = timeline.get(i);
            completed += r.completed();
            offered += r.offeredPerSecond();
            offeredRequests += r.offeredRequests();
            if (r.latencyMillis() != null && r.latencyMillis().count() > 0) {
                p99s.add(r.latencyMillis().p99());
            }
        }
        int n = to - first + 1;
        double[] sorted =
                p99s.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double p99 = sorted.length == 0 ? Double.POSITIVE_INFINITY : sorted[sorted.length / 2];
        return new Level(
                from,
                to,
                timeline.get(from).t(),
                n * intervalSeconds,
                offered / n,
                offeredRequests / n,
                completed / (n * intervalSeconds),
                completed,
                p99);
    }

    boolean isEmpty() {
        return levels.size() < 2;
    }
}
