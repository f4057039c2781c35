package dev.headroom.report.html;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A run's timeline turned into columns, one array per chart series, as the charts take them.
 * Counts become rates per second (each interval's count over its length). A value the run did not
 * have (no latency in an interval without completions, the utilisation of an unlimited component,
 * a metric a component did not report then) is null, and the chart leaves a gap.
 *
 * <p>A long run is folded into at most {@link #MAX_POINTS} points of {@code bucket} intervals each,
 * so the page stays quick: rates are recomputed over the bucket, latency percentiles and the
 * maximum waiting take the worst interval of the bucket (a spike must stay visible), and
 * utilisation, in use, waiting and component metrics take the bucket's mean.
 */
public record TimelineColumns(
        int intervals,
        int bucket,
        List<Double> t,
        List<Double> offeredPerSecond,
        List<Double> arrivalsPerSecond,
        List<Double> completedPerSecond,
        List<Double> retriesPerSecond,
        Map<String, List<Double>> errorsPerSecond,
        Map<String, List<Double>> latencyMillis,
        Map<String, Component> components,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<Double>> serviceMillis,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<Double>> lagMillis,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<Double>> targetMetrics,
        @JsonInclude(JsonInclude.Include.NON_NULL) List<Double> offeredRequestsPerSecond) {

    /** At most this many points per series; longer timelines are folded into buckets. */
    public static final int MAX_POINTS = 2000;

    private static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p999", "max");

    /** One component's columns. */
    public record Component(
            List<Double> utilization,
            List<Double> inUse,
            List<Double> waiting,
            List<Double> maxWaiting,
            @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, List<Double>> metrics) {}

    public static TimelineColumns of(List<TimelineRecord> records) {
        return of(records, MAX_POINTS);
    }

    static TimelineColumns of(List<TimelineRecord> records, int maxPoints) {
        int n = records.size();
        int bucket = Math.max(1, (n + maxPoints - 1) / maxPoints);
        double[] dt = intervalLengths(records);
        List<Bucket> buckets = new ArrayList<>();
        for (int from = 0; from < n; from += bucket) {
            buckets.add(new Bucket(
                    records.subList(from, Math.min(n, from + bucket)),
                    Arrays.copyOfRange(dt, from, Math.min(n, from + bucket))));
        }
        Map<String, List<Double>> errors = new TreeMap<>();
        for (String kind : keys(records, r -> r.errors().keySet())) {
            errors.put(kind, column(buckets, b -> b.rate(r -> r.errors().getOrDefault(kind, 0L))));
        }
        Map<String, Component> components = new TreeMap<>();
        for (String name : keys(records, r -> r.components().keySet())) {
            components.put(name, component(buckets, records, name));
        }
        Map<String, List<Double>> targetMetrics = new TreeMap<>();
        for (String metric :
                keys(records, r -> r.metrics() == null ? List.of() : r.metrics().keySet())) {
            targetMetrics.put(
                    metric,
                    column(
                            buckets,
                            b -> b.mean(r ->
                                    r.metrics() == null ? null : r.metrics().get(metric))));
        }
        return new TimelineColumns(
                n,
                bucket,
                column(buckets, b -> b.records.get(0).t()),
                column(buckets, b -> b.mean(TimelineRecord::offeredPerSecond)),
                column(buckets, b -> b.rate(TimelineRecord::arrivals)),
                column(buckets, b -> b.rate(TimelineRecord::completed)),
                column(buckets, b -> b.rate(TimelineRecord::retries)),
                errors,
                latency(buckets, TimelineRecord::latencyMillis),
                components,
                latency(buckets, TimelineRecord::serviceMillis),
                latency(buckets, TimelineRecord::lagMillis),
                targetMetrics,
                records.stream().anyMatch(r -> r.offeredRequestsPerSecond() != null)
                        ? column(buckets, b -> b.mean(TimelineRecord::offeredRequests))
                        : null);
    }

    private static Component component(List<Bucket> buckets, List<TimelineRecord> records, String name) {
        Function<TimelineRecord, ComponentSample> sample = r -> r.components().get(name);
        Map<String, List<Double>> metrics = new TreeMap<>();
        for (String metric : keys(records, r -> {
            ComponentSample s = sample.apply(r);
            return metrics(s).keySet();
        })) {
            metrics.put(
                    metric,
                    column(
                            buckets,
                            b -> b.mean(r -> {
                                ComponentSample s = sample.apply(r);
                                return metrics(s).get(metric);
                            })));
        }
        return new Component(
                column(
                        buckets,
                        b -> b.mean(r -> {
                            ComponentSample s = sample.apply(r);
                            // A negative utilisation marks a component without a capacity (an unlimited balancer).
                            return s == null || s.utilization() < 0 ? null : s.utilization();
                        })),
                column(
                        buckets,
                        b -> b.mean(r -> {
                            ComponentSample s = sample.apply(r);
                            return s == null ? null : s.inUse();
                        })),
                column(
                        buckets,
                        b -> b.mean(r -> {
                            ComponentSample s = sample.apply(r);
                            return s == null ? null : s.waiting();
                        })),
                column(
                        buckets,
                        b -> b.max(r -> {
                            ComponentSample s = sample.apply(r);
                            return s == null ? null : (double) s.maxWaiting();
                        })),
                metrics);
    }

    /** A sample read back from timeline.jsonl has null metrics when it had none. */
    private static Map<String, Double> metrics(ComponentSample s) {
        return s == null || s.metrics() == null ? Map.of() : s.metrics();
    }

    private static Map<String, List<Double>> latency(
            List<Bucket> buckets, Function<TimelineRecord, LatencySummary> of) {
        Map<String, List<Double>> out = new java.util.LinkedHashMap<>();
        boolean any = buckets.stream().flatMap(b -> b.records.stream()).anyMatch(r -> of.apply(r) != null);
        if (!any) {
            return out;
        }
        for (String p : PERCENTILES) {
            out.put(
                    p,
                    column(
                            buckets,
                            b -> b.max(r -> {
                                LatencySummary l = of.apply(r);
                                return l == null || l.count() == 0 ? null : percentile(l, p);
                            })));
        }
        return out;
    }

    private static double percentile(LatencySummary l, String p) {
        return switch (p) {
            case "p50" -> l.p50();
            case "p90" -> l.p90();
            case "p99" -> l.p99();
            case "p999" -> l.p999();
            default -> l.max();
        };
    }

    private static double[] intervalLengths(List<TimelineRecord> records) {
        int n = records.size();
        double[] dt = new double[n];
        for (int i = 0; i < n; i++) {
            double next = i + 1 < n ? records.get(i + 1).t() - records.get(i).t() : i > 0 ? dt[i - 1] : 1.0;
            dt[i] = next > 0 ? next : 1.0;
        }
        return dt;
    }

    private static TreeSet<String> keys(
            List<TimelineRecord> records, Function<TimelineRecord, ? extends java.util.Collection<String>> of) {
        TreeSet<String> keys = new TreeSet<>();
        records.forEach(r -> keys.addAll(of.apply(r)));
        return keys;
    }

    private static List<Double> column(List<Bucket> buckets, Function<Bucket, Double> value) {
        List<Double> out = new ArrayList<>(buckets.size());
        buckets.forEach(b -> out.add(value.apply(b)));
        return out;
    }

    /** Consecutive intervals folded into one point. */
    private record Bucket(List<TimelineRecord> records, double[] dt) {
        Double rate(ToDoubleFunction<TimelineRecord> count) {
            double sum = 0;
            double seconds = 0;
            for (int i = 0; i < records.size(); i++) {
                sum += count.applyAsDouble(records.get(i));
                seconds += dt[i];
            }
            return round(sum / seconds);
        }

        Double mean(Function<TimelineRecord, Double> value) {
            double sum = 0;
            int n = 0;
            for (TimelineRecord r : records) {
                Double v = value.apply(r);
                if (v != null && Double.isFinite(v)) {
                    sum += v;
                    n++;
                }
            }
            return n == 0 ? null : round(sum / n);
        }

        Double max(Function<TimelineRecord, Double> value) {
            Double max = null;
            for (TimelineRecord r : records) {
                Double v = value.apply(r);
                if (v != null && Double.isFinite(v) && (max == null || v > max)) {
                    max = v;
                }
            }
            return max;
        }

        /** Six decimals: enough for any chart, and it keeps a bucket's mean from printing 17 digits. */
        private static double round(double v) {
            return Math.round(v * 1e6) / 1e6;
        }
    }
}
