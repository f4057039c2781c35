package dev.headroom.report.html;

import dev.headroom.model.catalog.Service;
import dev.headroom.model.cost.CostSummary;
import dev.headroom.model.cost.LineItem;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fixed run in the shape of story 1, built by hand: 240 one-second intervals at 200 requests/s
 * offered; the volume's credits drain linearly and run out at t = 150 s, IOPS fall from 900 to
 * the 300 baseline, the disk queue and the connections' waiters grow, latency climbs past the
 * 100 ms p99 goal and timeouts follow. The name and spec carry markup and quotes to prove escaping.
 */
final class SyntheticRun {
    static final String NAME = "story-1 <script>alert(1)</script> \"quoted\" & 'single'";
    static final String SPEC = "name: \"" + NAME + "\"\n# </script><script>alert(2)</script>\ngoals:\n  p99: 100ms\n";
    static final double EXHAUSTED = 150;
    static final int INTERVALS = 240;

    private SyntheticRun() {}

    static Run run() {
        RunMetadata meta = new RunMetadata(
                RunMetadata.FORMAT,
                "simulation",
                "0123abcd-s42",
                NAME,
                "0.1.0-test",
                42,
                "examples/<story>.yaml",
                "0123abcd".repeat(8),
                List.of("architecture.db.volume.size=100GiB"),
                "poisson",
                INTERVALS,
                200);
        Map<String, ComponentSummary> components = new TreeMap<>();
        components.put(
                "db.connections", new ComponentSummary("connections", 20, 0.62, 12.4, 3.1, 40, 46000, 191.7, 80.2));
        components.put("db.disk", new ComponentSummary("volume", 1, 0.81, 0.81, 6.2, 30, 46000, 191.7, 35.5));
        components.put("lb", new ComponentSummary("lb", -1, -1, 14.0, 0, 0, 46000, 191.7, 90.1));
        components.put("web", new ComponentSummary("pool", 64, 0.22, 14.0, 0.4, 12, 46000, 191.7, 90.1));
        RunSummary summary = new RunSummary(
                INTERVALS,
                48000,
                46000,
                191.667,
                2000,
                0,
                Map.of("timeout", 2000L),
                new LatencySummary(46000, 60.5, 12.3, 150.2, 400.7, 900.1, 1000.0),
                Map.of("click", new LatencySummary(46000, 60.5, 12.3, 150.2, 400.7, 900.1, 1000.0)),
                components,
                new CostSummary(
                        0.0257,
                        0.3849,
                        280.977,
                        0,
                        0.5587,
                        List.of(new LineItem(Service.EC2, "db primary (t2.xlarge)", 0.1856, 0.0124)),
                        List.of()));
        return new Run(meta, summary);
    }

    static List<TimelineRecord> timeline() {
        List<TimelineRecord> out = new ArrayList<>();
        for (int i = 0; i < INTERVALS; i++) {
            double t = i;
            boolean starved = t >= EXHAUSTED;
            double after = starved ? t - EXHAUSTED : 0;
            double p99 = starved ? Math.min(1000, 20 + 12 * after) : 20 + (i % 7);
            long errors = starved && after > 30 ? 40 : 0;
            long completed = 200 - errors;
            double credits = Math.max(0, 1_500_000 - 10_000 * t);
            Map<String, ComponentSample> c = new TreeMap<>();
            c.put("lb", new ComponentSample(-1, 4 + after / 4, 0, 0));
            c.put(
                    "web",
                    new ComponentSample(Math.min(1, 0.06 + after / 100), 4 + after / 4, starved ? after / 20 : 0, 0));
            c.put(
                    "db.connections",
                    new ComponentSample(Math.min(1, 0.15 + after / 60), 3 + after / 5, starved ? after / 8 : 0, (long)
                            (after / 4)));
            c.put(
                    "db.disk",
                    new ComponentSample(starved ? 1 : 0.6, starved ? 1 : 0.6, starved ? 2 + after / 10 : 0.3, 6)
                            .withMetrics(Map.of(
                                    "iops", starved ? 300.0 : 900.0,
                                    "iopsCap", starved ? 300.0 : 3000.0,
                                    "queueLength", starved ? 3 + after / 10 : 0.9,
                                    "volumeCredits", credits)));
            Map<String, Long> errs = errors > 0 ? Map.of("timeout", errors) : Map.of();
            LatencySummary latency =
                    new LatencySummary(completed, p99 / 3, p99 / 4, p99 / 2, p99, p99 * 1.2, p99 * 1.3);
            out.add(new TimelineRecord(t, 200, 200, completed, 0, errs, latency, c));
        }
        return out;
    }

    /**
     * A load test cut short at 60 s while still {@code running}: what a real client adds to the
     * timeline (service time, generator lag, the target's scraped metrics) and no volume metrics.
     */
    static List<TimelineRecord> measuredTimeline() {
        List<TimelineRecord> out = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            double p99 = 30 + i;
            LatencySummary latency = new LatencySummary(100, p99 / 3, p99 / 4, p99 / 2, p99, p99 * 1.1, p99 * 1.2);
            LatencySummary service = new LatencySummary(100, p99 / 4, p99 / 5, p99 / 3, p99 * 0.8, p99, p99);
            LatencySummary lag = new LatencySummary(100, 0.2, 0.1, 0.3, 1 + i / 10.0, 2 + i / 10.0, 3 + i / 10.0);
            Map<String, ComponentSample> c =
                    Map.of("client.connections", new ComponentSample(0.1 + i / 100.0, 4, 0, 0));
            Map<String, Double> metrics = new TreeMap<>(
                    Map.of("process_cpu_seconds_total", 0.5 + i / 120.0, "db_pool_active", (double) (i % 10)));
            out.add(new TimelineRecord(i, 100, 100, 100, 0, Map.of(), latency, c, service, lag, metrics));
        }
        return out;
    }

    static Run measuredRun() {
        RunMetadata meta = new RunMetadata(
                RunMetadata.FORMAT,
                "measurement",
                "shop-local-1",
                "shop local",
                "0.1.0-test",
                7,
                "examples/load/shop-local.yaml",
                "ab".repeat(32),
                List.of(),
                "poisson",
                300,
                100);
        LatencySummary l = new LatencySummary(6000, 30, 25, 45, 89, 97, 107);
        RunSummary summary = new RunSummary(60, 6000, 6000, 100, 0, 0, Map.of(), l, Map.of("get", l), Map.of(), null);
        Measurement m = new Measurement(
                "running",
                "2026-11-23T13:00:00Z",
                60,
                List.of("http://127.0.0.1:8080"),
                "X-Headroom-Run",
                "shop-local-1",
                "open",
                "http/1.1",
                2,
                l,
                l,
                List.of(new Measurement.Verdict("threshold", "p99 < 300ms", true, 89, "ms", 60)),
                null);
        return new Run(meta, summary, m);
    }

    static List<RunEvent> events() {
        return List.of(
                new RunEvent(
                        EXHAUSTED,
                        "db.disk",
                        "volume-credits-exhausted",
                        "the volume's I/O credits ran out; IOPS fall to its baseline of 300 <b>"),
                new RunEvent(EXHAUSTED + 12, "db.connections", "connections-exhausted", "every connection in use"));
    }
}
