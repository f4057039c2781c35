package dev.headroom.load.stats;

import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Adds up the sub-intervals the guards are evaluated on into the interval the timeline records:
 * counts and histograms add exactly; the gauges (in flight, connections, held, in-flight ages) are
 * the last sub-interval's, as at the end of the interval.
 */
public final class IntervalSum {
    private final Histogram latency = Histograms.create();
    private final Histogram service = Histograms.create();
    private final Histogram lag = Histograms.create();
    private final Histogram wait = Histograms.create();
    private final Histogram[] classes;
    private final Map<String, Long> errors = new TreeMap<>();
    private Interval first;
    private Interval last;
    private long arrivals;
    private long completed;
    private double lengthSeconds;

    public IntervalSum(int classes) {
        this.classes = new Histogram[classes];
        for (int c = 0; c < classes; c++) {
            this.classes[c] = Histograms.create();
        }
    }

    public void add(Interval sub) {
        if (first == null) {
            first = sub;
        }
        last = sub;
        arrivals += sub.arrivals();
        completed += sub.completed();
        lengthSeconds += sub.lengthSeconds();
        sub.errors().forEach((k, v) -> errors.merge(k, v, Long::sum));
        latency.add(sub.latency());
        service.add(sub.service());
        lag.add(sub.lag());
        wait.add(sub.backpressureWait());
        for (int c = 0; c < classes.length; c++) {
            classes[c].add(sub.classLatency()[c]);
        }
    }

    public boolean isEmpty() {
        return first == null;
    }

    /** The sum so far as one interval; the sum then starts again from nothing. */
    public Interval drain() {
        Histogram[] classCopies = new Histogram[classes.length];
        for (int c = 0; c < classes.length; c++) {
            classCopies[c] = take(classes[c]);
        }
        Interval out = new Interval(
                first.startSeconds(),
                lengthSeconds,
                arrivals,
                completed,
                new TreeMap<>(errors),
                take(latency),
                take(service),
                take(lag),
                take(wait),
                classCopies,
                last.inFlightAges().copy(),
                last.inFlight(),
                last.openConnections(),
                last.held(),
                last.heldMillis());
        first = null;
        last = null;
        arrivals = 0;
        completed = 0;
        lengthSeconds = 0;
        errors.clear();
        return out;
    }

    private Histogram take(Histogram sum) {
        Histogram out = sum.copy();
        out.setStartTimeStamp(first.latency().getStartTimeStamp());
        out.setEndTimeStamp(last.latency().getEndTimeStamp());
        sum.reset();
        return out;
    }
}
