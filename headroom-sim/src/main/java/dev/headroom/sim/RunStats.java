package dev.headroom.sim;

import dev.headroom.model.run.LatencySummary;
import dev.headroom.sim.stats.LatencyRecorder;
import java.util.Map;
import java.util.TreeMap;

/** Counts and latency histograms for the run and for the current timeline interval. */
final class RunStats {
    private final LatencyRecorder overall = new LatencyRecorder();
    private final LatencyRecorder interval = new LatencyRecorder(2);
    private final LatencyRecorder[] perClass;
    private final long windowEndNanos;

    long arrivals;
    long retries;
    long intervalRetries;
    long completed;
    long completedInWindow;
    final long[] errors = new long[ErrorKind.values().length];

    long intervalArrivals;
    long intervalCompleted;
    final long[] intervalErrors = new long[ErrorKind.values().length];

    RunStats(int classes, long windowEndNanos) {
        perClass = new LatencyRecorder[classes];
        for (int i = 0; i < classes; i++) {
            perClass[i] = new LatencyRecorder();
        }
        this.windowEndNanos = windowEndNanos;
    }

    void arrival() {
        arrivals++;
        intervalArrivals++;
    }

    void success(int requestClass, long now, long latencyNanos) {
        completed++;
        intervalCompleted++;
        if (now <= windowEndNanos) {
            completedInWindow++;
        }
        overall.record(latencyNanos);
        interval.record(latencyNanos);
        perClass[requestClass].record(latencyNanos);
    }

    void retry() {
        retries++;
        intervalRetries++;
    }

    void error(ErrorKind kind) {
        errors[kind.ordinal()]++;
        intervalErrors[kind.ordinal()]++;
    }

    long intervalErrorTotal() {
        long total = 0;
        for (long c : intervalErrors) {
            total += c;
        }
        return total;
    }

    long errorCount() {
        long n = 0;
        for (long e : errors) {
            n += e;
        }
        return n;
    }

    static Map<String, Long> errorMap(long[] counts) {
        Map<String, Long> m = new TreeMap<>();
        for (ErrorKind k : ErrorKind.values()) {
            if (counts[k.ordinal()] > 0) {
                m.put(k.label, counts[k.ordinal()]);
            }
        }
        return m;
    }

    LatencySummary overall() {
        return overall.summary();
    }

    LatencySummary perClass(int i) {
        return perClass[i].summary();
    }

    LatencyRecorder overallRecorder() {
        return overall;
    }

    /** The interval's latency summary; resets the interval counters. */
    LatencySummary closeInterval() {
        LatencySummary s = interval.summary();
        interval.reset();
        intervalArrivals = 0;
        intervalCompleted = 0;
        intervalRetries = 0;
        java.util.Arrays.fill(intervalErrors, 0);
        return s;
    }
}
