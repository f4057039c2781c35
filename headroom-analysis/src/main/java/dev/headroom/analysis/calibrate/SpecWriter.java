package dev.headroom.analysis.calibrate;

import java.util.Locale;
import java.util.StringJoiner;

/**
 * Writes a {@link Calibration} as a simulator spec (the YAML of docs/model.md) whose comments say
 * where every number came from: one web instance with the process's cores and worker threads,
 * a database whose connections are the target's pool, and per request class the CPU and database
 * demands. Service times are exponential (the metrics give means, not distributions).
 */
public final class SpecWriter {
    private SpecWriter() {}

    /**
     * Where the measured run came from: its name and seed, the profile and arrivals as its scenario
     * wrote them (YAML flow or JSON), and the client timeout.
     */
    public record Source(
            String name,
            long seed,
            String runDir,
            String arrivals,
            String profile,
            String timeout,
            RequestsPerArrival perArrival) {
        /** A run whose every arrival was one request. */
        public Source(String name, long seed, String runDir, String arrivals, String profile, String timeout) {
            this(name, seed, runDir, arrivals, profile, timeout, null);
        }
    }

    /**
     * A journey run's arrivals start journeys of several requests: {@code requests} for
     * {@code arrivals} journeys started and single requests (the journeys' requests counted as if
     * the ones cut off by the end of the run had finished). The profile given in {@link Source}
     * is then already scaled by their ratio, so the model's arrivals are requests.
     */
    public record RequestsPerArrival(long requests, long arrivals) {
        public double ratio() {
            return (double) requests / arrivals;
        }
    }

    public static String write(Calibration c, MetricNames names, Source source) {
        StringBuilder y = new StringBuilder();
        line(y, "# Calibrated by 'headroom calibrate' from the measured run " + source.runDir() + ".");
        line(
                y,
                "# Demands by the utilisation law, D = U / X per interval: the median over the "
                        + c.cpuMillis().intervals()
                        + " intervals of the " + c.levels().size() + " levels below the knee ("
                        + levels(c)
                        + (c.kneeOfferedPerSecond() == null
                                ? ", no knee reached"
                                : "; knee at " + num(c.kneeOfferedPerSecond()) + "/s offered")
                        + ").");
        line(y, "name: " + source.name() + "-calibrated");
        line(y, "seed: " + source.seed());
        line(y, "");
        line(y, "workload:");
        line(y, "  arrivals: " + source.arrivals());
        if (source.perArrival() == null) {
            line(y, "  # The measured run's profile, as its scenario gave it.");
        } else {
            RequestsPerArrival r = source.perArrival();
            line(
                    y,
                    String.format(
                            Locale.US,
                            "  # The measured run's profile, its rates times %.4f: the run's arrivals started journeys,"
                                    + " %d requests for %d arrivals (journeys cut off by the end of the run counted"
                                    + " whole).",
                            r.ratio(),
                            r.requests(),
                            r.arrivals()));
            line(
                    y,
                    "  # The model has no sessions: it sends a journey's steps as independent requests at once, not"
                            + " after the think times between them.");
        }
        line(y, "  profile: " + source.profile());
        line(y, "  classes:");
        for (Calibration.ClassDemand d : c.classes()) {
            classEntry(y, c, names, d);
        }
        line(y, "");
        line(y, "architecture:");
        line(y, "  client: { timeout: " + source.timeout() + " }");
        line(
                y,
                "  # One process: " + c.cores() + " cores (" + names.name(MetricNames.CPU_COUNT) + ")"
                        + (c.workers() == null
                                ? ""
                                : ", " + c.workers() + " worker threads (" + names.name(MetricNames.WORKERS) + ")")
                        + "; requests beyond the workers wait in an unbounded queue.");
        line(
                y,
                "  pool: { name: web, instances: 1, cores: " + c.cores()
                        + (c.workers() == null ? "" : ", workers: " + c.workers()) + ", acceptQueue: unlimited }");
        if (hasDatabase(c)) {
            int connections = c.poolSize() != null ? c.poolSize() : Math.max(1, c.cores());
            line(
                    y,
                    "  # The database as the target's connection pool sees it: " + connections + " connections ("
                            + (c.poolSize() != null
                                    ? names.name(MetricNames.POOL_SIZE)
                                    : "no pool size scraped: the cores")
                            + "), each query's measured time on one of them.");
            line(y, "  db: { connections: " + connections + ", cores: " + connections + " }");
        }
        return y.toString();
    }

    private static boolean hasDatabase(Calibration c) {
        return c.classes().stream().anyMatch(d -> d.queries() > 0 && d.dbMillisPerQuery() > 0);
    }

    private static void classEntry(StringBuilder y, Calibration c, MetricNames names, Calibration.ClassDemand d) {
        String share = d.endpoint() == null
                ? ""
                : String.format(Locale.US, ", times this class's share %.3f", d.cpuMillis() / c.webCpuMillis());
        line(
                y,
                "    # " + d.name() + ": " + d.weight() + " responses in the run"
                        + (d.endpoint() == null
                                ? ""
                                : "; endpoint \"" + d.endpoint() + "\" took " + ms(d.serverMillis())
                                        + " at the lowest level (" + names.name(MetricNames.REQUEST_SECONDS) + ")"));
        line(y, "    - name: " + d.name());
        line(y, "      weight: " + d.weight());
        line(
                y,
                "      # CPU: " + names.name(MetricNames.CPU_SECONDS) + "/s over requests/s = "
                        + ms(c.cpuMillis().median())
                        + " per request (middle half " + ms(c.cpuMillis().lower()) + " to "
                        + ms(c.cpuMillis().upper()) + ")"
                        + (c.overlapMillis() > 0
                                ? ", less " + ms(c.overlapMillis()) + " the database work already counts"
                                : "")
                        + share);
        if (d.p99OverMean() != null) {
            line(
                    y,
                    String.format(
                            Locale.US,
                            "      # shape: log-normal with p99 = %.2f x mean, as this class's latency at the lowest levels (%s)",
                            d.p99OverMean(),
                            HlogWindow.LATENCY_LOG));
        }
        line(y, "      cpu: " + distribution(d.cpuMillis(), d.p99OverMean()));
        if (d.queries() > 0 && d.dbMillisPerQuery() > 0) {
            line(
                    y,
                    "      # database: " + names.name(MetricNames.DB_SECONDS) + "/s over requests/s = "
                            + ms(c.dbMillis().median()) + " per request (middle half "
                            + ms(c.dbMillis().lower()) + " to "
                            + ms(c.dbMillis().upper()) + ")"
                            + (c.queries() == null
                                    ? ", as one query"
                                    : ", " + num(c.queries().median()) + " queries per request ("
                                            + names.name(MetricNames.DB_QUERIES) + ")")
                            + share);
            line(
                    y,
                    "      db: { queries: " + d.queries() + ", cpu: "
                            + distribution(d.dbMillisPerQuery(), d.p99OverMean()) + " }");
        }
    }

    private static String distribution(double meanMillis, Double p99OverMean) {
        if (p99OverMean == null) {
            return "{ exponential: " + duration(meanMillis) + " }";
        }
        return "{ lognormal: { mean: " + duration(meanMillis) + ", p99: " + duration(meanMillis * p99OverMean) + " } }";
    }

    private static String levels(Calibration c) {
        StringJoiner j = new StringJoiner(", ");
        c.levels().forEach(l -> j.add(num(l.offeredPerSecond()) + "/s"));
        return j.toString();
    }

    private static void line(StringBuilder y, String s) {
        y.append(s).append('\n');
    }

    /** A duration the spec parser reads: microseconds, to a tenth. */
    static String duration(double millis) {
        double us = Math.max(0.1, Math.round(millis * 10_000) / 10.0);
        return (us == Math.rint(us) ? String.valueOf((long) us) : String.format(Locale.US, "%.1f", us)) + "us";
    }

    private static String ms(double millis) {
        return String.format(Locale.US, "%.3f ms", millis);
    }

    private static String num(double v) {
        if (Math.abs(v - Math.rint(v)) < 0.05) {
            return String.valueOf(Math.round(v));
        }
        return String.format(Locale.US, "%.2f", v);
    }
}
