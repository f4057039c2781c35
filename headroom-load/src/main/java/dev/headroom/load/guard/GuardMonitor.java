package dev.headroom.load.guard;

import dev.headroom.load.stats.Histograms;
import dev.headroom.load.stats.Interval;
import dev.headroom.model.run.Measurement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Evaluates guards every second over their windows. Latency guards count requests still in flight
 * at their current age (a lower bound), so a target that stops answering trips a latency guard
 * within a second instead of hiding behind the responses it never sends; lag guards likewise count
 * how long due arrivals have waited for a free connection. Windows shorter than
 * written are used at the start of a run, except for throughput, which waits for a full window.
 */
public final class GuardMonitor {
    private final List<Rule> guards;
    private final Deque<Interval> recent = new ArrayDeque<>();
    private final int keep;
    private final double[] lastObserved;

    public GuardMonitor(List<Rule> guards) {
        this.guards = List.copyOf(guards);
        this.keep = (int)
                Math.ceil(guards.stream().mapToDouble(Rule::windowSeconds).max().orElse(1));
        this.lastObserved = new double[guards.size()];
    }

    /** Adds the interval just ended and returns the first guard that trips, if any. */
    public Optional<Measurement.Verdict> evaluate(Interval interval, double nowSeconds) {
        recent.addFirst(interval);
        while (recent.size() > keep) {
            recent.removeLast();
        }
        for (int i = 0; i < guards.size(); i++) {
            Rule g = guards.get(i);
            int window = (int) Math.ceil(g.windowSeconds());
            if (g.metric() == Metric.THROUGHPUT && recent.size() < window) {
                continue;
            }
            double observed = observe(g.metric(), window);
            lastObserved[i] = observed;
            if (g.holds(observed)) {
                return Optional.of(new Measurement.Verdict(
                        "guard",
                        g.text(),
                        false,
                        round(observed),
                        g.metric().unit().suffix(),
                        round(nowSeconds)));
            }
        }
        return Optional.empty();
    }

    /** The guards that did not trip, each with the value last observed. */
    public List<Measurement.Verdict> untripped(double atSeconds) {
        List<Measurement.Verdict> out = new ArrayList<>();
        for (int i = 0; i < guards.size(); i++) {
            Rule g = guards.get(i);
            out.add(new Measurement.Verdict(
                    "guard",
                    g.text(),
                    true,
                    round(lastObserved[i]),
                    g.metric().unit().suffix(),
                    round(atSeconds)));
        }
        return out;
    }

    private double observe(Metric metric, int window) {
        Histogram latency = Histograms.create();
        Histogram service = Histograms.create();
        Histogram lag = Histograms.create();
        long completed = 0;
        long errors = 0;
        double seconds = 0;
        Iterator<Interval> it = recent.iterator();
        for (int n = 0; n < window && it.hasNext(); n++) {
            Interval iv = it.next();
            latency.add(iv.latency());
            service.add(iv.service());
            lag.add(iv.lag());
            completed += iv.completed();
            errors += iv.errorCount();
            seconds += iv.lengthSeconds();
        }
        if (metric.countsInFlight() && !recent.isEmpty()) {
            latency.add(recent.peekFirst().inFlightAges());
        }
        double value = Observations.value(metric, latency, service, lag, completed, errors, seconds);
        if (metric.name().startsWith("LAG") && !recent.isEmpty()) {
            // Arrivals still waiting for a connection have lagged at least this long already.
            value = Math.max(value, recent.peekFirst().heldMillis());
        }
        return value;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
