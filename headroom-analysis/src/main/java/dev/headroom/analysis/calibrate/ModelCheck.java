package dev.headroom.analysis.calibrate;

import dev.headroom.analysis.usl.LoadStep;
import dev.headroom.analysis.usl.StepSplitter;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.run.TimelineRecord;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks a calibrated model against the measurement it came from: over the window below the knee,
 * throughput and exact latency percentiles on both sides; per level, throughput and mean latency;
 * and the differences with what explains them.
 */
public final class ModelCheck {
    private ModelCheck() {}

    /**
     * @param measuredDir the measured run's directory (for its latency log)
     * @param simulatedWindow the summary of the model simulated over the same window
     * @param simulatedTimeline the model's timeline over the whole profile
     */
    public static CalibrationCheck check(
            Path measuredDir,
            Run measured,
            List<TimelineRecord> measuredTimeline,
            Calibration c,
            double window,
            RunSummary simulatedWindow,
            List<TimelineRecord> simulatedTimeline) {
        List<String> explanations = new ArrayList<>();
        // The measured side starts after the first level's transient, which holds the target's warm-up
        // (JIT compilation, the pool opening connections); the model has none, so its window starts at 0.
        double from = c.levels().get(0).startSeconds();
        LatencySummary latency = HlogWindow.latency(measuredDir, from, window).orElse(null);
        LatencySummary s = simulatedWindow.latencyMillis();
        if (latency == null) {
            // Both sides the same way, so the approximation does not count as a difference.
            latency = approximate(measuredTimeline, from, window);
            s = approximate(simulatedTimeline, from, window);
            explanations.add("the run has no " + HlogWindow.LATENCY_LOG + ": the percentiles on both sides are the"
                    + " response-weighted median of each second's, an approximation");
        }
        long completed = 0;
        for (TimelineRecord r : measuredTimeline) {
            if (r.t() >= from - 1e-9 && r.t() < window - 1e-9) {
                completed += r.completed();
            }
        }
        CalibrationCheck.Figures m = new CalibrationCheck.Figures(
                round(completed / (window - from)), latency.p50(), latency.p99(), latency.mean());
        CalibrationCheck.Figures sim = new CalibrationCheck.Figures(
                round(completions(
                        simulatedTimeline, onGrid(simulatedTimeline, from), onGrid(simulatedTimeline, window))),
                s.p50(),
                s.p99(),
                s.mean());
        List<CalibrationCheck.Level> levels = levels(c, measuredTimeline, simulatedTimeline);
        explain(measured, measuredTimeline, c, m, sim, from, window, explanations);
        return CalibrationCheck.of(from, window, m, sim, levels, explanations);
    }

    /**
     * A time of the measured timeline on the model's grid of whole intervals. A measured record
     * starts a few milliseconds after its second (30.011 s); taken as is, a level ending there
     * would take in the model's record at 30.0 s, the first second of the next step.
     */
    static double onGrid(List<TimelineRecord> simulated, double t) {
        double dt = StepSplitter.intervalSeconds(simulated);
        return Math.round(t / dt) * dt;
    }

    /** Successful responses per second over {@code [from, to)}: the same seconds on both sides. */
    private static double completions(List<TimelineRecord> timeline, double from, double to) {
        long completed = 0;
        for (TimelineRecord r : timeline) {
            if (r.t() >= from - 1e-9 && r.t() < to - 1e-9) {
                completed += r.completed();
            }
        }
        return completed / (to - from);
    }

    private static List<CalibrationCheck.Level> levels(
            Calibration c, List<TimelineRecord> measured, List<TimelineRecord> simulated) {
        List<CalibrationCheck.Level> out = new ArrayList<>();
        List<LoadStep> all = StepSplitter.defaults().split(measured);
        for (LoadStep l : all) {
            Window sm = Window.of(simulated, onGrid(simulated, l.startSeconds()), onGrid(simulated, l.endSeconds()));
            Window mm = Window.of(measured, l.startSeconds(), l.endSeconds());
            boolean below = c.levels().stream().anyMatch(b -> b.startSeconds() == l.startSeconds());
            out.add(new CalibrationCheck.Level(
                    l.startSeconds(),
                    l.endSeconds(),
                    round(l.offeredPerSecond()),
                    below,
                    round(mm.throughput()),
                    round(sm.throughput()),
                    round(mm.meanMillis()),
                    round(sm.meanMillis())));
        }
        return out;
    }

    /** Completions per second and response-weighted mean latency of the intervals in {@code [from, to)}. */
    private record Window(double throughput, double meanMillis) {
        static Window of(List<TimelineRecord> timeline, double from, double to) {
            long completed = 0;
            long counted = 0;
            double weighted = 0;
            int intervals = 0;
            for (TimelineRecord r : timeline) {
                if (r.t() >= from - 1e-9 && r.t() < to - 1e-9) {
                    intervals++;
                    completed += r.completed();
                    if (r.latencyMillis() != null) {
                        counted += r.latencyMillis().count();
                        weighted += r.latencyMillis().mean() * r.latencyMillis().count();
                    }
                }
            }
            double seconds = Math.max(1, intervals) * StepSplitter.intervalSeconds(timeline);
            return new Window(completed / seconds, counted == 0 ? 0 : weighted / counted);
        }
    }

    private static void explain(
            Run measured,
            List<TimelineRecord> timeline,
            Calibration c,
            CalibrationCheck.Figures m,
            CalibrationCheck.Figures sim,
            double from,
            double window,
            List<String> out) {
        double service = weightedMean(timeline, from, window, true);
        if (c.lowestLevelServerMillis() != null && Double.isFinite(service)) {
            double lowestService = weightedMeanOver(timeline, c.levels().get(0), true);
            double gap = lowestService - c.lowestLevelServerMillis();
            out.add(
                    gap < 0.05
                            ? String.format(
                                    Locale.US,
                                    "the client's service time (%.3f ms) and the server's own (%.3f ms) agree at the lowest level:"
                                            + " no network or client overhead to speak of",
                                    lowestService,
                                    c.lowestLevelServerMillis())
                            : String.format(
                                    Locale.US,
                                    "between the client and the server's own timer: %.3f ms per request at the lowest level (client"
                                            + " service time %.3f ms, server %.3f ms): loopback TCP, HTTP parsing and the client's event"
                                            + " loop. The model has no network, so its latency is lower by about that much",
                                    gap,
                                    lowestService,
                                    c.lowestLevelServerMillis()));
        }
        double latencyMean = weightedMean(timeline, from, window, false);
        if (Double.isFinite(service) && Double.isFinite(latencyMean) && latencyMean - service > 0.001) {
            out.add(String.format(
                    Locale.US,
                    "the generator's lag (due time to send) adds %.3f ms per request on average to the measured latency;"
                            + " the model's requests start on time",
                    latencyMean - service));
        }
        if (c.overlapMillis() > 0) {
            out.add(String.format(
                    Locale.US,
                    "%.3f ms of each request's database time is CPU the process also counts (an embedded database): the"
                            + " model's web CPU is reduced by it, so its CPU load is lower than the process's",
                    c.overlapMillis()));
        }
        if (m.p50Millis() > 0 && sim.p50Millis() > 0) {
            out.add(String.format(
                    Locale.US,
                    "the tail: measured p99/p50 = %.2f, model %.2f. The model draws exponential service times around"
                            + " the measured means and has no garbage-collection pauses, JIT compilation or OS"
                            + " scheduling delays, which lengthen the measured tail",
                    m.p99Millis() / m.p50Millis(),
                    sim.p99Millis() / sim.p50Millis()));
        }
        if (c.cpuMillis().relativeSpread() > 0.2) {
            out.add(String.format(
                    Locale.US,
                    "the CPU per request varied between intervals (middle half %.3f to %.3f ms): one mean misses part"
                            + " of that",
                    c.cpuMillis().lower(),
                    c.cpuMillis().upper()));
        }
        if (c.kneeOfferedPerSecond() != null) {
            out.add(String.format(
                    Locale.US,
                    "above the knee (from %.1f/s offered) the comparison is not a target: the measured system may fail"
                            + " in ways the model does not have (timeouts in the client, thread exhaustion)",
                    c.kneeOfferedPerSecond()));
        }
        if (measured.measurement() != null && measured.measurement().lagMillis() != null) {
            double lag = measured.measurement().lagMillis().p99();
            if (lag > 0.2 * Math.max(m.p99Millis(), 1e-9)) {
                out.add(String.format(
                        Locale.US,
                        "the generator's lag p99 (%.2f ms) is large against the latency: the client was busy",
                        lag));
            }
        }
    }

    private static double weightedMean(List<TimelineRecord> timeline, double from, double window, boolean service) {
        long n = 0;
        double sum = 0;
        for (TimelineRecord r : timeline) {
            LatencySummary l = service ? r.serviceMillis() : r.latencyMillis();
            if (r.t() >= from - 1e-9 && r.t() < window - 1e-9 && l != null) {
                n += l.count();
                sum += l.mean() * l.count();
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static double weightedMeanOver(List<TimelineRecord> timeline, LoadStep level, boolean service) {
        long n = 0;
        double sum = 0;
        for (TimelineRecord r : timeline) {
            LatencySummary l = service ? r.serviceMillis() : r.latencyMillis();
            if (r.t() >= level.startSeconds() - 1e-9 && r.t() < level.endSeconds() - 1e-9 && l != null) {
                n += l.count();
                sum += l.mean() * l.count();
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Without a latency log: each second's percentile, weighted by its responses (flagged as approximate). */
    private static LatencySummary approximate(List<TimelineRecord> timeline, double from, double window) {
        List<double[]> p50 = new ArrayList<>();
        List<double[]> p99 = new ArrayList<>();
        long count = 0;
        double mean = 0;
        for (TimelineRecord r : timeline) {
            LatencySummary l = r.latencyMillis();
            if (r.t() >= from - 1e-9 && r.t() < window - 1e-9 && l != null && l.count() > 0) {
                p50.add(new double[] {l.p50(), l.count()});
                p99.add(new double[] {l.p99(), l.count()});
                count += l.count();
                mean += l.mean() * l.count();
            }
        }
        if (count == 0) {
            return LatencySummary.EMPTY;
        }
        return new LatencySummary(count, mean / count, weightedMedian(p50), 0, weightedMedian(p99), 0, 0);
    }

    private static double weightedMedian(List<double[]> values) {
        values.sort((a, b) -> Double.compare(a[0], b[0]));
        double total = values.stream().mapToDouble(v -> v[1]).sum();
        double seen = 0;
        for (double[] v : values) {
            seen += v[1];
            if (seen >= total / 2) {
                return v[0];
            }
        }
        return values.get(values.size() - 1)[0];
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
