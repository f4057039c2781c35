package dev.headroom.analysis.calibrate;

import dev.headroom.analysis.usl.LoadStep;
import dev.headroom.analysis.usl.StepSplitter;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Estimates a measured system's service demands from its scraped metrics with the utilisation
 * law: per interval, a resource's busy time per second divided by the requests per second is its
 * demand per request ({@code D = U / X}, Denning and Buzen, "The Operational Analysis of Queueing
 * Network Models", 1978). The median over the intervals below the knee is robust to the odd
 * interval with a GC pause or a scrape that came late.
 */
public final class Calibrator {
    /** The model's no-load time may exceed the server's by this much before CPU is taken as counted twice. */
    private static final double OVERLAP_TOLERANCE = 0.02;

    private Calibrator() {}

    /**
     * The calibration of a measured run. {@code kneeOfferedPerSecond} is the offered rate of the
     * run's knee ({@code Analysis}'s finding; null when it never reached one); the levels offered
     * less are below it. {@code classes} are the run's request classes with their latency (for their
     * weights); {@code classEndpoints} maps a class to the endpoint label that times it where the
     * names differ.
     */
    public static Calibration calibrate(
            String runId,
            Double kneeOfferedPerSecond,
            List<TimelineRecord> timeline,
            Map<String, LatencySummary> classes,
            MetricNames names,
            Map<String, String> classEndpoints)
            throws CalibrationException {
        if (timeline.stream().allMatch(r -> r.metrics() == null || r.metrics().isEmpty())) {
            throw new CalibrationException("the run has no metrics scraped from the target, and calibration reads the"
                    + " target's CPU and database time\n    fix: list the target's Prometheus endpoint under"
                    + " 'metrics:' in the load scenario and run it again");
        }
        double dt = StepSplitter.intervalSeconds(timeline);
        ScrapedMetrics metrics = new ScrapedMetrics(timeline, dt);
        String cpuName = names.name(MetricNames.CPU_SECONDS);
        String coresName = names.name(MetricNames.CPU_COUNT);
        for (String required : List.of(cpuName, coresName)) {
            if (!metrics.has(required)) {
                throw new CalibrationException("the target's metrics have no '" + required + "'\n    fix: expose it,"
                        + " or map the role to the target's name with --metric "
                        + (required.equals(cpuName) ? MetricNames.CPU_SECONDS : MetricNames.CPU_COUNT) + "=NAME");
            }
        }
        List<LoadStep> all = StepSplitter.defaults().split(timeline);
        List<LoadStep> below = belowKnee(all, kneeOfferedPerSecond);
        if (below.isEmpty()) {
            throw new CalibrationException(
                    all.isEmpty()
                            ? "the run has no level of load of at least " + StepSplitter.DEFAULT_MIN_STEP_INTERVALS
                                    + " intervals\n    fix: run a constant or steps profile"
                            : "the first level of load (" + fmt(all.get(0).offeredPerSecond())
                                    + "/s) is already past the"
                                    + " knee\n    fix: start the steps lower, where the target keeps up");
        }
        Double knee = kneeOfferedPerSecond;
        boolean[] use = intervalsOf(timeline, below);
        boolean[] lowest = intervalsOf(timeline, below.subList(0, 1));

        double[] x = throughput(timeline, metrics, names, dt);
        List<String> notes = new ArrayList<>();
        Estimate throughput = Estimate.of(select(x, use));
        Estimate cpu = perRequest(metrics.rate(cpuName), x, use, 1000);
        int cores = (int)
                Math.round(Estimate.of(select(metrics.gauge(coresName), use)).median());
        Estimate db = optional(metrics, names, MetricNames.DB_SECONDS, x, use, 1000, notes);
        Estimate queries = optional(metrics, names, MetricNames.DB_QUERIES, x, use, 1, notes);
        Estimate poolWait = optional(metrics, names, MetricNames.POOL_WAIT_SECONDS, x, use, 1000, notes);
        Integer poolSize = gauge(metrics, names, MetricNames.POOL_SIZE, use, notes);
        Integer workers = gauge(metrics, names, MetricNames.WORKERS, use, notes);

        String requestSeconds = names.name(MetricNames.REQUEST_SECONDS);
        String requestCount = names.name(MetricNames.REQUEST_COUNT);
        Estimate server = null;
        double lowestServer = Double.NaN;
        if (metrics.has(requestSeconds) && metrics.has(requestCount)) {
            double[] perRequest = ratio(metrics.rate(requestSeconds), metrics.rate(requestCount), 1000);
            server = Estimate.of(select(perRequest, use));
            lowestServer = Estimate.of(select(perRequest, lowest)).median();
        } else {
            notes.add("no '" + requestSeconds + "': the target's own response time is unknown, so CPU counted twice"
                    + " (an embedded database) cannot be detected");
        }
        double dbMs = db == null ? 0 : db.median();
        double waitMs = poolWait == null ? 0 : poolWait.median();
        double overlap = 0;
        if (Double.isFinite(lowestServer) && cpu.median() + dbMs + waitMs > lowestServer * (1 + OVERLAP_TOLERANCE)) {
            overlap = Math.min(Math.min(dbMs, 0.9 * cpu.median()), cpu.median() + dbMs + waitMs - lowestServer);
            notes.add(String.format(
                    Locale.US,
                    "CPU %.3f ms + database %.3f ms + pool wait %.3f ms per request exceed the server's own %.3f ms at"
                            + " the lowest level: %.3f ms of the database time is CPU the process already counts (an"
                            + " embedded database), taken out of the web tier's CPU",
                    cpu.median(),
                    dbMs,
                    waitMs,
                    lowestServer,
                    overlap));
        }
        double webCpu = cpu.median() - overlap;
        double queriesPerRequest = queries == null ? (dbMs > 0 ? 1 : 0) : queries.median();
        List<Calibration.ClassDemand> demands = classDemands(
                metrics, names, timeline, classes, classEndpoints, lowest, use, webCpu, dbMs, queriesPerRequest, notes);
        return new Calibration(
                runId,
                below,
                knee,
                throughput,
                cpu,
                db,
                queries,
                poolWait,
                server,
                Double.isFinite(lowestServer) ? lowestServer : null,
                overlap,
                webCpu,
                cores,
                poolSize,
                workers,
                demands,
                notes);
    }

    /** The levels offered less than the knee's rate (all of them without a knee). */
    static List<LoadStep> belowKnee(List<LoadStep> levels, Double kneeOfferedPerSecond) {
        List<LoadStep> out = new ArrayList<>();
        for (LoadStep s : levels) {
            if (kneeOfferedPerSecond != null && s.offeredPerSecond() >= SAME_RATE * kneeOfferedPerSecond) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    /** A level offered at least this share of the knee's rate is the knee's level (or beyond). */
    private static final double SAME_RATE = 0.99;

    private static List<Calibration.ClassDemand> classDemands(
            ScrapedMetrics metrics,
            MetricNames names,
            List<TimelineRecord> timeline,
            Map<String, LatencySummary> classes,
            Map<String, String> classEndpoints,
            boolean[] lowest,
            boolean[] use,
            double webCpu,
            double dbMs,
            double queries,
            List<String> notes) {
        long total = classes.values().stream().mapToLong(LatencySummary::count).sum();
        String seconds = names.name(MetricNames.REQUEST_SECONDS);
        String count = names.name(MetricNames.REQUEST_COUNT);
        SortedSet<String> endpoints = metrics.labelValues(seconds, MetricNames.ENDPOINT_LABEL);
        Map<String, String> match = new TreeMap<>();
        for (String c : new TreeMap<>(classes).keySet()) {
            String e = classEndpoints.containsKey(c) ? classEndpoints.get(c) : matchEndpoint(c, endpoints);
            if (e != null && endpoints.contains(e)) {
                match.put(c, e);
            }
        }
        if (classes.size() < 2 || match.size() < classes.size() || total == 0) {
            if (classes.size() >= 2) {
                List<String> missing = new ArrayList<>(new TreeMap<>(classes).keySet());
                missing.removeAll(match.keySet());
                notes.add("one class for all requests: no '" + seconds + "{endpoint=...}' series for class"
                        + (missing.size() == 1 ? " " : "es ") + String.join(", ", missing) + " (endpoints: "
                        + String.join(", ", endpoints) + "; map them with --class CLASS=ENDPOINT)");
            }
            String name = classes.size() == 1 ? classes.keySet().iterator().next() : "all";
            long weight = Math.max(1, total);
            int q = (int) Math.round(queries);
            return List.of(
                    new Calibration.ClassDemand(name, null, weight, null, webCpu, q, q > 0 ? dbMs / q : 0, null));
        }
        Map<String, Double> server = new TreeMap<>();
        double weighted = 0;
        for (Map.Entry<String, String> e : match.entrySet()) {
            Predicate<String> label = ScrapedMetrics.labelIs(MetricNames.ENDPOINT_LABEL, e.getValue());
            double[] r = ratio(metrics.rate(seconds, label), metrics.rate(count, label), 1000);
            Estimate atLowest = Estimate.of(select(r, lowest));
            Estimate belowKnee = Estimate.of(select(r, use));
            double ms = atLowest != null ? atLowest.median() : belowKnee != null ? belowKnee.median() : Double.NaN;
            server.put(e.getKey(), ms);
            weighted += ms * classes.get(e.getKey()).count() / total;
        }
        List<Calibration.ClassDemand> out = new ArrayList<>();
        for (Map.Entry<String, LatencySummary> c : new TreeMap<>(classes).entrySet()) {
            double share = server.get(c.getKey()) / weighted;
            double cpuMs = webCpu * share;
            double classDb = dbMs * share;
            int q = classDb > 0 ? Math.max(1, (int) Math.round(queries * share)) : 0;
            out.add(new Calibration.ClassDemand(
                    c.getKey(),
                    match.get(c.getKey()),
                    c.getValue().count(),
                    server.get(c.getKey()),
                    cpuMs,
                    q,
                    q > 0 ? classDb / q : 0,
                    null));
        }
        notes.add("per class, CPU and database time are shared out in proportion to each endpoint's server time at"
                + " the lowest level: the metrics give them for the process, not per endpoint");
        return out;
    }

    /**
     * The endpoint named like the class: equal, or one containing the other, ignoring case and
     * punctuation; among several, the most specific (one that no other candidate contains, so
     * "basket add first" takes "basket_add", not "basket"). A journey's step ({@code journey/step})
     * is matched by its step name first, then by the whole name.
     */
    static String matchEndpoint(String className, SortedSet<String> endpoints) {
        int slash = className.lastIndexOf('/');
        if (slash > 0 && slash < className.length() - 1) {
            String byStep = matchName(className.substring(slash + 1), endpoints);
            if (byStep != null) {
                return byStep;
            }
        }
        return matchName(className, endpoints);
    }

    private static String matchName(String name, SortedSet<String> endpoints) {
        String c = simple(name);
        if (c.isEmpty()) {
            return null;
        }
        for (String e : endpoints) {
            if (simple(e).equals(c)) {
                return e;
            }
        }
        List<String> candidates = new ArrayList<>();
        for (String e : endpoints) {
            String s = simple(e);
            if (!s.isEmpty() && (s.contains(c) || c.contains(s))) {
                candidates.add(e);
            }
        }
        List<String> specific = new ArrayList<>();
        for (String e : candidates) {
            String s = simple(e);
            boolean inAnother = candidates.stream()
                    .map(Calibrator::simple)
                    .anyMatch(o -> !o.equals(s) && o.contains(s) && c.contains(o));
            if (!inAnother) {
                specific.add(e);
            }
        }
        return specific.size() == 1 ? specific.get(0) : null; // none, or ambiguous
    }

    private static String simple(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** Requests per second in each interval: the target's own counter when it has one, else the client's. */
    private static double[] throughput(
            List<TimelineRecord> timeline, ScrapedMetrics metrics, MetricNames names, double dt) {
        String requests = names.name(MetricNames.REQUESTS);
        if (metrics.has(requests)) {
            return metrics.rate(requests);
        }
        return timeline.stream().mapToDouble(r -> r.completed() / dt).toArray();
    }

    private static Estimate optional(
            ScrapedMetrics metrics,
            MetricNames names,
            String role,
            double[] x,
            boolean[] use,
            double unit,
            List<String> notes) {
        String name = names.name(role);
        if (!metrics.has(name)) {
            notes.add("no '" + name + "' (" + role + "): left out of the model");
            return null;
        }
        return perRequest(metrics.rate(name), x, use, unit);
    }

    private static Integer gauge(
            ScrapedMetrics metrics, MetricNames names, String role, boolean[] use, List<String> notes) {
        String name = names.name(role);
        Estimate e = metrics.has(name) ? Estimate.of(select(metrics.gauge(name), use)) : null;
        if (e == null) {
            notes.add("no '" + name + "' (" + role + "): the model keeps its default");
            return null;
        }
        return (int) Math.round(e.median());
    }

    private static Estimate perRequest(double[] busy, double[] x, boolean[] use, double unit) {
        return Estimate.of(select(ratio(busy, x, unit), use));
    }

    private static double[] ratio(double[] a, double[] b, double unit) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = b[i] > 0 ? a[i] / b[i] * unit : Double.NaN;
        }
        return out;
    }

    private static double[] select(double[] values, boolean[] use) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (!use[i]) {
                out[i] = Double.NaN;
            }
        }
        return out;
    }

    private static boolean[] intervalsOf(List<TimelineRecord> timeline, List<LoadStep> levels) {
        boolean[] use = new boolean[timeline.size()];
        for (int i = 0; i < timeline.size(); i++) {
            double t = timeline.get(i).t();
            for (LoadStep s : levels) {
                if (t >= s.startSeconds() - 1e-9 && t < s.endSeconds() - 1e-9) {
                    use[i] = true;
                }
            }
        }
        return use;
    }

    private static String fmt(double v) {
        return String.format(Locale.US, "%.1f", v);
    }
}
