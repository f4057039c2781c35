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

    /** The goals' limits, when a stop rule screens this run; null otherwise. */
    private final StopRule stop;

    private final long[] slowBound;
    private final long[] slowCount;
    private final long[] slowMax;
    private long errorTotal;
    /** Index of the latency goal that stopped the run, {@code slowBound.length} for the error goal, -1 while it runs. */
    private int stoppedBy = -1;

    private long stoppedCount;

    RunStats(int classes, long windowEndNanos) {
        this(classes, windowEndNanos, null);
    }

    RunStats(int classes, long windowEndNanos, StopRule stop) {
        this.stop = stop;
        int goals = stop == null ? 0 : stop.latency().size();
        slowBound = new long[goals];
        slowCount = new long[goals];
        slowMax = new long[goals];
        for (int i = 0; i < goals; i++) {
            slowBound[i] = stop.latency().get(i).boundNanos();
            slowMax[i] = stop.latency().get(i).maxSlow();
        }
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
        for (int i = 0; i < slowBound.length; i++) {
            if (latencyNanos > slowBound[i] && ++slowCount[i] > slowMax[i] && stoppedBy < 0) {
                stoppedBy = i;
                stoppedCount = slowCount[i];
            }
        }
    }

    void retry() {
        retries++;
        intervalRetries++;
    }

    void error(ErrorKind kind) {
        errors[kind.ordinal()]++;
        intervalErrors[kind.ordinal()]++;
        if (stop != null && ++errorTotal > stop.maxErrors() && stoppedBy < 0) {
            stoppedBy = slowBound.length;
            stoppedCount = errorTotal;
        }
    }

    /** True once the stop rule says the goals are lost. */
    boolean stopped() {
        return stoppedBy >= 0;
    }

    /** Why the run stopped, at {@code nowNanos}; empty while it runs. */
    java.util.Optional<StopRule.Stopped> stoppedAt(long nowNanos) {
        if (stoppedBy < 0) {
            return java.util.Optional.empty();
        }
        boolean errorsGoal = stoppedBy == slowBound.length;
        return java.util.Optional.of(new StopRule.Stopped(
                errorsGoal ? "errors" : stop.latency().get(stoppedBy).goal(),
                nowNanos / 1e9,
                stoppedCount,
                errorsGoal ? stop.maxErrors() : slowMax[stoppedBy]));
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
