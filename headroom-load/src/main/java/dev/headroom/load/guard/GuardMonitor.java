package dev.headroom.load.guard;

import dev.headroom.load.stats.Histograms;
import dev.headroom.load.stats.Interval;
import dev.headroom.model.run.Measurement;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * Evaluates guards over their windows every time a sub-interval ends (the engine collects one
 * every {@code 200 ms}), so a condition that starts to hold is seen within a sub-interval, not at
 * the end of a whole second. Each window is a running sum of the sub-intervals it covers: a new
 * sub-interval is added, and those that fall out of the window are subtracted (kept compressed
 * until then, so a long window costs little memory).
 *
 * <p>Latency guards count requests still in flight at their current age (a lower bound), so a
 * target that stops answering trips a latency guard instead of hiding behind the responses it
 * never sends; wait guards likewise count how long due arrivals have waited so far for a free
 * connection. Lag guards watch the generator's own lag, which excludes that wait.
 * Windows shorter than written are used at the start of a run, except for throughput, which waits
 * for a full window.
 */
public final class GuardMonitor {
    /** A window holds sub-intervals covering at least its length less this much. */
    private static final double SLACK_SECONDS = 0.05;

    /** A tripped guard: its verdict, and the start of the sub-interval whose data made its condition hold. */
    public record Trip(Measurement.Verdict verdict, double conditionSinceSeconds) {}

    private final List<Rule> guards;
    private final Map<Double, Window> windows = new LinkedHashMap<>();
    private final double[] lastObserved;

    public GuardMonitor(List<Rule> guards) {
        this.guards = List.copyOf(guards);
        for (Rule g : guards) {
            windows.computeIfAbsent(g.windowSeconds(), Window::new);
        }
        this.lastObserved = new double[guards.size()];
    }

    /** Whether a guard needs the ages of requests in flight (a latency guard); asking the loops costs them time. */
    public boolean watchesInFlight() {
        return guards.stream().anyMatch(g -> g.metric().countsInFlight());
    }

    /** Adds the sub-interval just ended and returns the first guard that trips, if any. */
    public Optional<Trip> evaluate(Interval sub, double nowSeconds) {
        if (guards.isEmpty()) {
            return Optional.empty();
        }
        Stored stored = Stored.of(sub);
        windows.values().forEach(w -> w.add(sub, stored));
        for (int i = 0; i < guards.size(); i++) {
            Rule g = guards.get(i);
            Window w = windows.get(g.windowSeconds());
            if (g.metric() == Metric.THROUGHPUT && w.covered < g.windowSeconds() - SLACK_SECONDS) {
                continue;
            }
            double observed = w.observe(g.metric(), sub);
            lastObserved[i] = observed;
            if (g.holds(observed)) {
                Measurement.Verdict v = new Measurement.Verdict(
                        "guard",
                        g.text(),
                        false,
                        round(observed),
                        g.metric().unit().suffix(),
                        round(nowSeconds));
                return Optional.of(new Trip(v, sub.startSeconds()));
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

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    /** A sub-interval as a window keeps it until it leaves: counts, and compressed histograms. */
    private record Stored(
            double lengthSeconds,
            long completed,
            long errors,
            ByteBuffer latency,
            ByteBuffer service,
            ByteBuffer lag,
            ByteBuffer waited) {
        static Stored of(Interval iv) {
            return new Stored(
                    iv.lengthSeconds(),
                    iv.completed(),
                    iv.errorCount(),
                    compress(iv.latency()),
                    compress(iv.service()),
                    compress(iv.lag()),
                    compress(iv.backpressureWait()));
        }

        private static ByteBuffer compress(Histogram h) {
            ByteBuffer b = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
            h.encodeIntoCompressedByteBuffer(b);
            b.flip();
            return b;
        }

        static Histogram expand(ByteBuffer b) {
            try {
                return Histogram.decodeFromCompressedByteBuffer(b.duplicate(), Histograms.HIGHEST_MICROS);
            } catch (DataFormatException e) {
                throw new IllegalStateException("a histogram this monitor compressed did not decompress", e);
            }
        }
    }

    /** The running sums over one window length. */
    private static final class Window {
        private final double seconds;
        private final ArrayDeque<Stored> subs = new ArrayDeque<>();
        private final Histogram latency = Histograms.create();
        private final Histogram service = Histograms.create();
        private final Histogram lag = Histograms.create();
        private final Histogram waited = Histograms.create();
        private final Histogram scratch = Histograms.create();
        private long completed;
        private long errors;
        private double covered;

        Window(double seconds) {
            this.seconds = seconds;
        }

        void add(Interval sub, Stored stored) {
            subs.addLast(stored);
            latency.add(sub.latency());
            service.add(sub.service());
            lag.add(sub.lag());
            waited.add(sub.backpressureWait());
            completed += stored.completed();
            errors += stored.errors();
            covered += stored.lengthSeconds();
            while (subs.size() > 1 && covered - subs.peekFirst().lengthSeconds() >= seconds - SLACK_SECONDS) {
                Stored old = subs.removeFirst();
                latency.subtract(Stored.expand(old.latency()));
                service.subtract(Stored.expand(old.service()));
                lag.subtract(Stored.expand(old.lag()));
                waited.subtract(Stored.expand(old.waited()));
                completed -= old.completed();
                errors -= old.errors();
                covered -= old.lengthSeconds();
            }
        }

        double observe(Metric metric, Interval newest) {
            Histogram lat = latency;
            if (metric.countsInFlight() && newest.inFlightAges().getTotalCount() > 0) {
                scratch.reset();
                scratch.add(latency);
                scratch.add(newest.inFlightAges());
                lat = scratch;
            }
            double value = Observations.value(metric, lat, service, lag, waited, completed, errors, covered);
            if (metric.name().startsWith("WAIT")) {
                // Arrivals still waiting for a connection have waited at least this long already.
                value = Math.max(value, newest.heldMillis());
            }
            return value;
        }
    }
}
