package dev.headroom.analysis;

import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.EventKind;
import dev.headroom.model.run.MetricKey;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.ToDoubleFunction;

/**
 * Finds each component's saturation signals in a run's timeline and events: credits at zero, IOPS
 * at their cap, utilisation near 1, a queue that grows, and the simulator's and load generator's
 * own events (credits exhausted, connections exhausted, spillover, lock convoys). A signal read from
 * the timeline must hold for {@value #SUSTAIN} intervals in a row (or to the end of the run), so a
 * single busy second is not a bottleneck.
 */
final class SignalFinder {
    static final int SUSTAIN = 3;
    /** Utilisation at or above this is saturation (a sampled mean rarely reaches exactly 1). */
    static final double SATURATED = 0.95;
    /** The prefix of a component read from the target's scraped metrics (a measured run). */
    static final String SCRAPED = "target:";
    /** IOPS at or above this fraction of their cap are capped. */
    static final double AT_CAP = 0.97;
    /**
     * A queue grows when it holds at least this many requests and ten times its early level per unit
     * of offered rate.
     */
    static final double MIN_QUEUE = 5;

    private final List<TimelineRecord> timeline;
    private final RequestPath path;
    private final Map<String, Signal> byKey = new TreeMap<>();

    private SignalFinder(List<TimelineRecord> timeline, RequestPath path) {
        this.timeline = timeline;
        this.path = path;
    }

    /** Every component's signals, first of each kind, in causal order: by interval, then the deeper component, then cause before effect. */
    static List<Signal> find(RunData data) {
        TreeSet<String> names = new TreeSet<>();
        data.timeline().forEach(r -> {
            if (r.components() != null) {
                names.addAll(r.components().keySet());
            }
        });
        SignalFinder f = new SignalFinder(data.timeline(), new RequestPath(names));
        for (String c : names) {
            f.component(c);
        }
        TreeSet<String> scraped = new TreeSet<>();
        data.timeline().forEach(r -> {
            if (r.metrics() != null) {
                scraped.addAll(r.metrics().keySet());
            }
        });
        for (String m : scraped) {
            f.scraped(m);
        }
        for (RunEvent e : data.events()) {
            f.event(e);
        }
        List<Signal> out = new ArrayList<>(f.byKey.values());
        out.sort(f.order());
        return out;
    }

    /** Interval first; within one, the deeper component first (the cause), then cause before effect, then time. */
    private Comparator<Signal> order() {
        return Comparator.comparingInt(Signal::interval)
                .thenComparing(s -> -path.depth(s.component()))
                .thenComparingInt(Signal::rank)
                .thenComparingDouble(Signal::t)
                .thenComparing(Signal::component);
    }

    private void component(String c) {
        int n = timeline.size();
        double[] util = series(c, ComponentSample::utilization);
        double[] waiting = series(c, ComponentSample::waiting);
        double[] inUse = series(c, ComponentSample::inUse);
        double[] volumeCredits = metric(c, MetricKey.VOLUME_CREDITS);
        double[] cpuCredits = metric(c, MetricKey.CREDITS);
        double[] throttled = metric(c, MetricKey.THROTTLED);
        double[] iops = metric(c, MetricKey.IOPS);
        double[] iopsCap = metric(c, MetricKey.IOPS_CAP);

        int i = first(n, k -> volumeCredits[k] <= 0);
        if (i >= 0) {
            add(
                    c,
                    "volume-credits",
                    0,
                    i,
                    timeline.get(i).t(),
                    "volume I/O credits exhausted",
                    evidence(c, MetricKey.VOLUME_CREDITS.key(), i, volumeCredits[i], "credits"));
        }
        i = first(n, k -> cpuCredits[k] <= 0 && throttled[k] > 0);
        if (i >= 0) {
            add(
                    c,
                    "cpu-credits",
                    0,
                    i,
                    timeline.get(i).t(),
                    "CPU credits exhausted, throttled",
                    evidence(c, MetricKey.CREDITS.key(), i, cpuCredits[i], "credits"));
        }
        i = sustained(n, k -> iopsCap[k] > 0 && iops[k] >= AT_CAP * iopsCap[k]);
        if (i >= 0) {
            add(
                    c,
                    "iops-cap",
                    1,
                    i,
                    timeline.get(i).t(),
                    "IOPS capped at " + number(iopsCap[i]),
                    evidence(c, MetricKey.IOPS.key(), i, iops[i], "IOPS"));
        }
        i = sustained(n, k -> util[k] >= SATURATED);
        if (i >= 0) {
            add(
                    c,
                    "saturated",
                    2,
                    i,
                    timeline.get(i).t(),
                    path.saturated(c),
                    evidence(c, "utilization", i, util[i], "fraction"));
        }
        boolean unlimited = Arrays.stream(util).filter(u -> !Double.isNaN(u)).allMatch(u -> u < 0);
        double[] queue = unlimited ? inUse : waiting;
        // Per unit of offered load, so a queue that only follows a rising rate (Little's law) does not count.
        double[] perRate = new double[n];
        for (int k = 0; k < n; k++) {
            double offered = timeline.get(k).offeredPerSecond();
            perRate[k] = offered > 0 ? queue[k] / offered : Double.NaN;
        }
        double threshold = 10 * early(perRate);
        i = sustained(n, k -> queue[k] >= MIN_QUEUE && !(perRate[k] < threshold));
        if (i >= 0) {
            add(
                    c,
                    "queue",
                    3,
                    i,
                    timeline.get(i).t(),
                    unlimited ? "requests pile up" : "queue grows",
                    evidence(c, unlimited ? "inUse" : "waiting", i, queue[i], "requests"));
        }
    }

    /**
     * A metric scraped from the target during a measured run, judged by its name: a credit balance
     * that reaches 0, a utilisation (a fraction, or a percentage when it exceeds 1.5) at 95% or more,
     * a queue, waiting, waiters, pending or backlog count that grows as {@link #component} defines it.
     */
    private void scraped(String m) {
        int n = timeline.size();
        double[] v = new double[n];
        for (int k = 0; k < n; k++) {
            Map<String, Double> ms = timeline.get(k).metrics();
            Double x = ms == null ? null : ms.get(m);
            v[k] = x == null ? Double.NaN : x;
        }
        String name = m.toLowerCase(Locale.ROOT);
        String c = SCRAPED + m;
        if (name.contains("credit")) {
            int i = first(n, k -> v[k] <= 0);
            if (i > 0) {
                add(c, "credits", 0, i, timeline.get(i).t(), "credits exhausted", evidence(c, m, i, v[i], ""));
            }
        } else if (name.contains("util") || name.contains("saturation")) {
            double scale = Arrays.stream(v).filter(x -> !Double.isNaN(x)).max().orElse(0) > 1.5 ? 100 : 1;
            int i = sustained(n, k -> v[k] >= SATURATED * scale);
            if (i >= 0) {
                add(c, "saturated", 2, i, timeline.get(i).t(), "at its limit", evidence(c, m, i, v[i], ""));
            }
        } else if (name.matches(".*(queue|waiting|waiters|pending|backlog).*")) {
            double[] perRate = new double[n];
            for (int k = 0; k < n; k++) {
                double offered = timeline.get(k).offeredPerSecond();
                perRate[k] = offered > 0 ? v[k] / offered : Double.NaN;
            }
            double threshold = 10 * early(perRate);
            int i = sustained(n, k -> v[k] >= MIN_QUEUE && !(perRate[k] < threshold));
            if (i >= 0) {
                add(c, "queue", 3, i, timeline.get(i).t(), "queue grows", evidence(c, m, i, v[i], "requests"));
            }
        }
    }

    private void event(RunEvent e) {
        int i = intervalOf(e.t());
        String c = e.component();
        EventKind kind = EventKind.of(e.kind()).orElse(null);
        if (kind == null || !kind.saturationSignal()) {
            // Other events (guards, instance failures) are findings of their own, not saturation.
            return;
        }
        switch (kind) {
            case VOLUME_CREDITS_EXHAUSTED -> add(
                    c,
                    "volume-credits",
                    0,
                    i,
                    e.t(),
                    "volume I/O credits exhausted",
                    sampleEvidence(c, i, MetricKey.VOLUME_CREDITS.key(), "credits", e));
            case INSTANCE_EBS_CREDITS_EXHAUSTED -> add(
                    c,
                    "ebs-credits",
                    0,
                    i,
                    e.t(),
                    "instance EBS burst exhausted",
                    sampleEvidence(c, i, MetricKey.IOPS.key(), "IOPS", e));
            case CPU_CREDITS_EXHAUSTED -> {
                double[] throttled = metric(c, MetricKey.THROTTLED);
                boolean throttles = Arrays.stream(throttled).anyMatch(v -> v > 0);
                if (throttles) {
                    add(
                            c,
                            "cpu-credits",
                            0,
                            i,
                            e.t(),
                            "CPU credits exhausted, throttled",
                            sampleEvidence(c, i, MetricKey.CREDITS.key(), "credits", e));
                }
            }
            case CONNECTIONS_EXHAUSTED, MAX_CONNECTIONS_REACHED, POOL_EXHAUSTED -> add(
                    c, "saturated", 2, i, e.t(), path.saturated(c), sampleEvidence(c, i, "utilization", "fraction", e));
            case LOCK_CONVOY -> add(
                    c, "lock-convoy", 2, i, e.t(), "lock convoy", sampleEvidence(c, i, "waiting", "requests", e));
            case SPILLOVER_BEGINS -> add(
                    c,
                    "spillover",
                    4,
                    i,
                    e.t(),
                    "surge queue full: spillover (503)",
                    sampleEvidence(c, i, "inUse", "requests", e));
            default -> throw new IllegalStateException("a saturation signal without a rule: " + kind);
        }
    }

    /** Keeps the earliest signal of each kind per component; an event beats the timeline in its interval. */
    private void add(String c, String type, int rank, int interval, double t, String what, Evidence ev) {
        String key = c + "\u0000" + type;
        Signal s = new Signal(c, type, rank, interval, t, what, ev);
        Signal old = byKey.get(key);
        if (old == null || interval < old.interval() || (interval == old.interval() && t > old.t())) {
            byKey.put(key, s);
        }
    }

    private Evidence evidence(String c, String metric, int i, double value, String unit) {
        return new Evidence(c, metric, timeline.get(i).t(), value, unit);
    }

    private Evidence sampleEvidence(String c, int i, String metric, String unit, RunEvent e) {
        if (i >= 0) {
            ComponentSample s = sample(i, c);
            if (s != null) {
                Double v =
                        switch (metric) {
                            case "utilization" -> s.utilization();
                            case "waiting" -> s.waiting();
                            case "inUse" -> s.inUse();
                            default -> s.metrics() == null ? null : s.metrics().get(metric);
                        };
                if (v != null) {
                    return evidence(c, metric, i, v, unit);
                }
            }
        }
        return new Evidence(c, "event " + e.kind(), e.t(), 1, "event");
    }

    private int intervalOf(double t) {
        int lo = 0;
        int hi = timeline.size() - 1;
        int found = timeline.isEmpty() ? -1 : 0;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (timeline.get(mid).t() <= t) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    private ComponentSample sample(int i, String c) {
        Map<String, ComponentSample> m = timeline.get(i).components();
        return m == null ? null : m.get(c);
    }

    private double[] series(String c, ToDoubleFunction<ComponentSample> f) {
        double[] out = new double[timeline.size()];
        for (int i = 0; i < out.length; i++) {
            ComponentSample s = sample(i, c);
            out[i] = s == null ? Double.NaN : f.applyAsDouble(s);
        }
        return out;
    }

    private double[] metric(String c, MetricKey key) {
        return series(c, s -> {
            Double v = s.metrics() == null ? null : s.metrics().get(key.key());
            return v == null ? Double.NaN : v;
        });
    }

    private static int first(int n, IntPredicate p) {
        for (int i = 0; i < n; i++) {
            if (p.test(i)) {
                return i;
            }
        }
        return -1;
    }

    /** The first interval from which {@code p} holds {@value #SUSTAIN} intervals in a row, or to the end. */
    private static int sustained(int n, IntPredicate p) {
        int run = 0;
        for (int i = 0; i < n; i++) {
            run = p.test(i) ? run + 1 : 0;
            if (run == SUSTAIN) {
                return i - SUSTAIN + 1;
            }
        }
        return run > 0 ? n - run : -1;
    }

    /** The median of the first tenth of a series (at least one interval): its level before any trouble. */
    private static double early(double[] v) {
        int k = Math.max(1, v.length / 10);
        double[] head = Arrays.stream(v, 0, Math.min(k, v.length))
                .filter(x -> !Double.isNaN(x))
                .sorted()
                .toArray();
        return head.length == 0 ? 0 : head[head.length / 2];
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) v);
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, a >= 10 ? "%.1f" : "%.3g", v);
    }
}
