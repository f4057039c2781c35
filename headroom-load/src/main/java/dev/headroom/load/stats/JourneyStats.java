package dev.headroom.load.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The journeys' figures on one event loop (its only writer; the collector reads): per journey,
 * how many started, completed, were abandoned at each request step (the funnel) and why, and
 * were cut off by the end of the run, with the duration of those completed; per step (by class
 * number), requests sent, successes, latency from the due time, service time and errors by kind.
 * Counters are cumulative.
 */
public final class JourneyStats {
    private final AtomicLongArray started;
    private final AtomicLongArray completed;
    private final AtomicLongArray unfinished;
    private final AtomicLongArray[] abandonedAt;
    private final java.util.List<Map<String, AtomicLong>> abandonedBy = new java.util.ArrayList<>();
    private final SingleWriterRecorder[] duration;
    private final AtomicLongArray stepSent;
    private final AtomicLongArray stepCompleted;
    private final SingleWriterRecorder[] stepLatency;
    private final SingleWriterRecorder[] stepService;
    private final java.util.List<Map<String, AtomicLong>> stepErrors = new java.util.ArrayList<>();

    /** {@code steps[j]} is the number of request steps of journey {@code j}; {@code classes} all classes. */
    public JourneyStats(int[] steps, int classes) {
        int n = steps.length;
        started = new AtomicLongArray(n);
        completed = new AtomicLongArray(n);
        unfinished = new AtomicLongArray(n);
        abandonedAt = new AtomicLongArray[n];
        duration = new SingleWriterRecorder[n];
        for (int j = 0; j < n; j++) {
            abandonedAt[j] = new AtomicLongArray(steps[j]);
            abandonedBy.add(new ConcurrentHashMap<>());
            duration[j] = new SingleWriterRecorder(Histograms.HIGHEST_MICROS, Histograms.DIGITS);
        }
        stepSent = new AtomicLongArray(classes);
        stepCompleted = new AtomicLongArray(classes);
        stepLatency = new SingleWriterRecorder[classes];
        stepService = new SingleWriterRecorder[classes];
        for (int c = 0; c < classes; c++) {
            stepLatency[c] = new SingleWriterRecorder(Histograms.HIGHEST_MICROS, Histograms.DIGITS);
            stepService[c] = new SingleWriterRecorder(Histograms.HIGHEST_MICROS, Histograms.DIGITS);
            stepErrors.add(new ConcurrentHashMap<>());
        }
    }

    private static void inc(AtomicLongArray a, int i) {
        a.lazySet(i, a.get(i) + 1);
    }

    private static void inc(Map<String, AtomicLong> m, String key) {
        AtomicLong v = m.computeIfAbsent(key, k -> new AtomicLong());
        v.lazySet(v.get() + 1);
    }

    public void started(int journey) {
        inc(started, journey);
    }

    public void completed(int journey, long durationNanos) {
        inc(completed, journey);
        duration[journey].recordValue(Histograms.micros(durationNanos));
    }

    public void abandoned(int journey, int step, String reason) {
        inc(abandonedAt[journey], step);
        inc(abandonedBy.get(journey), reason);
    }

    public void unfinished(int journey) {
        inc(unfinished, journey);
    }

    public void stepSent(int stepClass) {
        inc(stepSent, stepClass);
    }

    public void stepSucceeded(int stepClass, long latencyNanos, long serviceNanos) {
        inc(stepCompleted, stepClass);
        stepLatency[stepClass].recordValue(Histograms.micros(latencyNanos));
        stepService[stepClass].recordValue(Histograms.micros(serviceNanos));
    }

    public void stepFailed(int stepClass, String kind) {
        inc(stepErrors.get(stepClass), kind);
    }

    // Reader side.

    public long startedCount(int journey) {
        return started.get(journey);
    }

    public long completedCount(int journey) {
        return completed.get(journey);
    }

    public long unfinishedCount(int journey) {
        return unfinished.get(journey);
    }

    public long abandonedAt(int journey, int step) {
        return abandonedAt[journey].get(step);
    }

    public Map<String, AtomicLong> abandonedBy(int journey) {
        return abandonedBy.get(journey);
    }

    public Histogram intervalDuration(int journey, Histogram recycle) {
        return duration[journey].getIntervalHistogram(recycle);
    }

    public long stepSentCount(int stepClass) {
        return stepSent.get(stepClass);
    }

    public long stepCompleted(int stepClass) {
        return stepCompleted.get(stepClass);
    }

    public Histogram intervalStepLatency(int stepClass, Histogram recycle) {
        return stepLatency[stepClass].getIntervalHistogram(recycle);
    }

    public Histogram intervalStepService(int stepClass, Histogram recycle) {
        return stepService[stepClass].getIntervalHistogram(recycle);
    }

    public Map<String, AtomicLong> stepErrors(int stepClass) {
        return stepErrors.get(stepClass);
    }
}
