package dev.headroom.analysis;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/** Runs built by hand with known saturation patterns, for the analysis tests. */
final class SyntheticRun {
    private SyntheticRun() {}

    static LatencySummary latency(long count, double p99) {
        return new LatencySummary(count, p99 / 4, p99 / 3, p99 / 2, p99, p99 * 1.2, p99 * 1.5);
    }

    static RunMetadata metadata(String id, double seconds, double peak) {
        return metadata("simulation", id, seconds, peak);
    }

    static RunMetadata metadata(String kind, String id, double seconds, double peak) {
        return new RunMetadata(
                RunMetadata.FORMAT,
                kind,
                id,
                id,
                "test",
                1,
                "test.yaml",
                "0".repeat(64),
                List.of(),
                "poisson",
                seconds,
                peak);
    }

    static RunSummary summary(
            double seconds, long requests, long completed, double p99, Map<String, ComponentSummary> c) {
        return new RunSummary(
                seconds,
                requests,
                completed,
                completed / seconds,
                requests - completed,
                0,
                requests == completed ? Map.of() : Map.of("timeout", requests - completed),
                latency(completed, p99),
                Map.of(),
                c,
                null);
    }

    static Goals p99(double millis) {
        return new Goals(Map.of("p99", millis), OptionalDouble.empty());
    }

    /**
     * The going-cloud pattern over 100 s at 100/s: the volume's credits drain by 20 a second and run
     * out at 50 s (IOPS fall from 500 to the 300 cap), the disk queue then grows by 2 a second, the
     * database's connections are all in use from 60 s, the web workers from 65 s, the p99 goes
     * over its 500 ms goal at 70 s, and only after that, from 75 s, requests queue for the web workers.
     */
    static RunData creditsChain() {
        List<TimelineRecord> timeline = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            Map<String, ComponentSample> c = new LinkedHashMap<>();
            c.put("lb", new ComponentSample(-1, 5, 0, 0));
            c.put("web", new ComponentSample(t >= 65 ? 1.0 : 0.1, t >= 65 ? 50 : 5, t >= 75 ? 3 * (t - 74) : 0, 0));
            c.put("web.cpu", new ComponentSample(0.2, 0.4, 0, 0));
            c.put(
                    "db.connections",
                    new ComponentSample(t >= 60 ? 1.0 : 0.1, t >= 60 ? 20 : 2, t >= 60 ? 2 * (t - 59) : 0, 0));
            c.put("db.cpu", new ComponentSample(0.3, 0.6, 0, 0));
            double credits = Math.max(0, 1000 - 20 * t);
            Map<String, Double> disk = new TreeMap<>();
            disk.put("volumeCredits", credits);
            disk.put("iops", credits > 0 ? 500.0 : 300.0);
            disk.put("iopsCap", credits > 0 ? 3000.0 : 300.0);
            c.put("db.disk", new ComponentSample(t >= 50 ? 1.0 : 0.17, 0.5, t > 51 ? 2.0 * (t - 51) : 0.1, 0, disk));
            long done = t >= 70 ? 60 : 100;
            timeline.add(new TimelineRecord(
                    t,
                    100,
                    100,
                    done,
                    0,
                    t >= 70 ? Map.of("timeout", 40L) : Map.of(),
                    latency(done, t >= 70 ? 2000 : 100),
                    c));
        }
        Map<String, ComponentSummary> comps = new TreeMap<>();
        comps.put("db.disk", new ComponentSummary("disk", 1, 0.58, 0.5, 20, 98, 8600, 86, 240));
        comps.put("db.cpu", new ComponentSummary("cpu", 4, 0.3, 0.6, 0, 4, 8600, 86, 7));
        List<RunEvent> events = List.of(new RunEvent(
                50.3,
                "db.disk",
                "volume-credits-exhausted",
                "the volume's I/O credits ran out; IOPS fall to its baseline of 300"));
        Run run = new Run(metadata("credits-chain", 100, 100), summary(100, 10000, 8800, 1800, comps))
                .withGoals(p99(500));
        return RunData.of(run, timeline, events);
    }

    /**
     * A step run: 100, 200, 300, 400 and 500/s for 20 s each against a system that completes at most
     * 320/s; the p99 is 50 ms, 80 ms at 300/s and 400 ms beyond. Its p99 goal is 200 ms.
     */
    static RunData steps() {
        List<TimelineRecord> timeline = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            double offered = 100 * (t / 20 + 1);
            long done = (long) Math.min(offered, 320);
            double p99 = offered < 300 ? 50 : offered < 400 ? 80 : 400;
            timeline.add(
                    new TimelineRecord(t, offered, (long) offered, done, 0, Map.of(), latency(done, p99), Map.of()));
        }
        Run run = new Run(metadata("steps", 100, 500), summary(100, 30000, 25000, 400, Map.of())).withGoals(p99(200));
        return RunData.of(run, timeline, List.of());
    }
}
