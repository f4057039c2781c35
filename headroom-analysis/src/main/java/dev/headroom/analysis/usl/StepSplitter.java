package dev.headroom.analysis.usl;

import dev.headroom.analysis.RunData;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a run's timeline into levels of load. Intervals whose offered rate stays within 1% of the
 * first one's form a plateau; a plateau of at least {@code minStepIntervals} is a step of a
 * {@code steps} profile, and its first {@code transientFraction} (at least one interval) is
 * dropped while the queues settle. Shorter plateaus (a ramp) are joined and cut into windows of
 * {@code windowIntervals}. Intervals offered nothing (before or after the profile) are left out.
 * The response time is the service time when the run has one (a measurement: from the actual
 * send, so the concurrency is the target's), else the latency.
 */
public final class StepSplitter {
    public static final int DEFAULT_MIN_STEP_INTERVALS = 5;
    public static final double DEFAULT_TRANSIENT_FRACTION = 0.2;
    public static final int DEFAULT_WINDOW_INTERVALS = 10;
    private static final double SAME_RATE = 0.01;

    private final int minStepIntervals;
    private final double transientFraction;
    private final int windowIntervals;

    public StepSplitter(int minStepIntervals, double transientFraction, int windowIntervals) {
        if (minStepIntervals < 2 || transientFraction < 0 || transientFraction >= 1 || windowIntervals < 1) {
            throw new IllegalArgumentException(
                    "minStepIntervals >= 2, 0 <= transientFraction < 1, windowIntervals >= 1");
        }
        this.minStepIntervals = minStepIntervals;
        this.transientFraction = transientFraction;
        this.windowIntervals = windowIntervals;
    }

    public static StepSplitter defaults() {
        return new StepSplitter(DEFAULT_MIN_STEP_INTERVALS, DEFAULT_TRANSIENT_FRACTION, DEFAULT_WINDOW_INTERVALS);
    }

    /** The levels of load, in time order. */
    public List<LoadStep> split(List<TimelineRecord> timeline) {
        double dt = intervalSeconds(timeline);
        List<LoadStep> steps = new ArrayList<>();
        List<TimelineRecord> ramp = new ArrayList<>();
        for (List<TimelineRecord> plateau : plateaus(timeline)) {
            if (plateau.size() >= minStepIntervals) {
                windows(ramp, dt, steps);
                ramp.clear();
                int drop = Math.max(1, (int) Math.round(plateau.size() * transientFraction));
                add(plateau.subList(drop, plateau.size()), dt, steps);
            } else {
                ramp.addAll(plateau);
            }
        }
        windows(ramp, dt, steps);
        return steps;
    }

    /** Whether the timeline has plateaus long enough to be steps (else it is read as a ramp). */
    public boolean hasSteps(List<TimelineRecord> timeline) {
        return plateaus(timeline).stream().anyMatch(p -> p.size() >= minStepIntervals);
    }

    private static List<List<TimelineRecord>> plateaus(List<TimelineRecord> timeline) {
        List<List<TimelineRecord>> out = new ArrayList<>();
        List<TimelineRecord> current = new ArrayList<>();
        for (TimelineRecord r : timeline) {
            if (!(r.offeredPerSecond() > 0)) {
                if (!current.isEmpty()) {
                    out.add(current);
                    current = new ArrayList<>();
                }
                continue;
            }
            if (!current.isEmpty()) {
                double rate = current.get(0).offeredPerSecond();
                if (Math.abs(r.offeredPerSecond() - rate) > SAME_RATE * rate) {
                    out.add(current);
                    current = new ArrayList<>();
                }
            }
            current.add(r);
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private void windows(List<TimelineRecord> ramp, double dt, List<LoadStep> steps) {
        for (int i = 0; i < ramp.size(); i += windowIntervals) {
            List<TimelineRecord> window = ramp.subList(i, Math.min(ramp.size(), i + windowIntervals));
            if (window.size() * 2 >= windowIntervals) {
                add(window, dt, steps);
            }
        }
    }

    private static void add(List<TimelineRecord> records, double dt, List<LoadStep> steps) {
        long completed = 0;
        long measured = 0;
        double weightedMillis = 0;
        double offered = 0;
        double offeredRequests = 0;
        for (TimelineRecord r : records) {
            LatencySummary response = r.serviceMillis() != null ? r.serviceMillis() : r.latencyMillis();
            completed += r.completed();
            offered += r.offeredPerSecond();
            offeredRequests += r.offeredRequests();
            if (response != null) {
                measured += response.count();
                weightedMillis += response.mean() * response.count();
            }
        }
        if (completed == 0 || measured == 0) {
            return;
        }
        double seconds = records.size() * dt;
        double x = completed / seconds;
        double meanMillis = weightedMillis / measured;
        double start = records.get(0).t();
        steps.add(new LoadStep(
                start,
                start + seconds,
                offered / records.size(),
                completed,
                x,
                meanMillis,
                x * meanMillis / 1000,
                offeredRequests / records.size()));
    }

    /** The timeline's interval: see {@link RunData#intervalSeconds(List)}. */
    public static double intervalSeconds(List<TimelineRecord> timeline) {
        return RunData.intervalSeconds(timeline);
    }
}
