package dev.headroom.load.stats;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * The figures of one event loop: it is the only writer, the interval collector the only reader.
 * Latency (from the due time), service time (from the send), and the delay from due time to
 * dispatch split in two, backpressure wait (every connection or in-flight slot busy) and generator
 * lag (the rest: the loop behind its schedule), each go to a {@link SingleWriterRecorder}, as
 * HdrHistogram intends for one writer thread; counters are cumulative and read as differences.
 */
public final class LoopStats {
    private static final int STATUSES = 600;

    private final SingleWriterRecorder latency = recorder();
    private final SingleWriterRecorder service = recorder();
    private final SingleWriterRecorder lag = recorder();
    private final SingleWriterRecorder wait = recorder();
    private final SingleWriterRecorder[] classLatency;
    private final AtomicLong arrivals = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong notSent = new AtomicLong();
    private final AtomicLongArray errors = new AtomicLongArray(ErrorKind.values().length);
    private final AtomicLongArray httpErrors = new AtomicLongArray(STATUSES);
    private volatile int inFlight;
    private volatile int openConnections;
    private volatile long heldSinceNanos;

    public LoopStats(int classes) {
        classLatency = new SingleWriterRecorder[classes];
        for (int i = 0; i < classes; i++) {
            classLatency[i] = recorder();
        }
    }

    private static SingleWriterRecorder recorder() {
        return new SingleWriterRecorder(Histograms.HIGHEST_MICROS, Histograms.DIGITS);
    }

    /**
     * One arrival (or due journey step) sent or given up: {@code lagNanos} of its delay from the due
     * time was the generator's own, {@code waitNanos} it waited for a free connection or slot.
     */
    public void arrival(long lagNanos, long waitNanos) {
        arrivals.lazySet(arrivals.get() + 1);
        lag.recordValue(Histograms.micros(lagNanos));
        wait.recordValue(Histograms.micros(waitNanos));
    }

    public void success(int requestClass, long latencyNanos, long serviceNanos) {
        completed.lazySet(completed.get() + 1);
        long us = Histograms.micros(latencyNanos);
        latency.recordValue(us);
        if (classLatency.length > 1) {
            classLatency[requestClass].recordValue(us);
        }
        service.recordValue(Histograms.micros(serviceNanos));
    }

    public void error(ErrorKind kind) {
        errors.lazySet(kind.ordinal(), errors.get(kind.ordinal()) + 1);
    }

    /**
     * An arrival (or journey step) that was due but still unsent when arrivals were stopped early
     * (a guard, Ctrl-C): the stop cut it off, so it is not an error of the target's.
     */
    public void notSent() {
        notSent.lazySet(notSent.get() + 1);
    }

    public void httpError(int status) {
        int s = Math.max(0, Math.min(STATUSES - 1, status));
        httpErrors.lazySet(s, httpErrors.get(s) + 1);
    }

    public void gauges(int inFlight, int openConnections, long heldSinceNanos) {
        this.inFlight = inFlight;
        this.openConnections = openConnections;
        this.heldSinceNanos = heldSinceNanos;
    }

    // Reader side (the interval collector).

    public Histogram intervalLatency(Histogram recycle) {
        return latency.getIntervalHistogram(recycle);
    }

    public Histogram intervalService(Histogram recycle) {
        return service.getIntervalHistogram(recycle);
    }

    public Histogram intervalLag(Histogram recycle) {
        return lag.getIntervalHistogram(recycle);
    }

    public Histogram intervalWait(Histogram recycle) {
        return wait.getIntervalHistogram(recycle);
    }

    /** With a single request in the mix its latency is the overall latency, recorded once. */
    public Histogram intervalClassLatency(int requestClass, Histogram recycle) {
        if (classLatency.length == 1) {
            throw new IllegalStateException("one request class: read intervalLatency");
        }
        return classLatency[requestClass].getIntervalHistogram(recycle);
    }

    public long arrivals() {
        return arrivals.get();
    }

    public long completed() {
        return completed.get();
    }

    public long notSentCount() {
        return notSent.get();
    }

    public long errors(ErrorKind kind) {
        return errors.get(kind.ordinal());
    }

    public long httpErrors(int status) {
        return httpErrors.get(status);
    }

    public static int statuses() {
        return STATUSES;
    }

    public int inFlight() {
        return inFlight;
    }

    public int openConnections() {
        return openConnections;
    }

    /** When arrivals started waiting for a free connection (0 when none waits). */
    public long heldSinceNanos() {
        return heldSinceNanos;
    }
}
