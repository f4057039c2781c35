package dev.headroom.sim.engine;

import java.util.Arrays;

/**
 * The pending events: a binary min-heap over parallel primitive arrays, ordered by time and then by
 * the order of scheduling, so equal times pop in a fixed order and runs are deterministic. An
 * event is an int kind and an int argument; nothing is allocated per event once the arrays have
 * grown to the run's high-water mark.
 */
public final class EventQueue {
    private long[] times;
    private long[] seqs;
    private long[] payloads;
    private int size;
    private long nextSeq;

    private long polledTime;
    private long polledPayload;

    public EventQueue() {
        this(1024);
    }

    public EventQueue(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        times = new long[cap];
        seqs = new long[cap];
        payloads = new long[cap];
    }

    public void schedule(long timeNanos, int kind, int arg) {
        if (size == times.length) {
            grow();
        }
        long seq = nextSeq++;
        long payload = ((long) kind << 32) | (arg & 0xFFFF_FFFFL);
        int i = size++;
        // Sift the hole up, then drop the new event into it.
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long pt = times[parent];
            if (pt < timeNanos || (pt == timeNanos && seqs[parent] < seq)) {
                break;
            }
            times[i] = pt;
            seqs[i] = seqs[parent];
            payloads[i] = payloads[parent];
            i = parent;
        }
        times[i] = timeNanos;
        seqs[i] = seq;
        payloads[i] = payload;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    public long peekTime() {
        return size == 0 ? Long.MAX_VALUE : times[0];
    }

    /** Removes the earliest event; read it with {@link #polledTime()}, {@link #polledKind()}, {@link #polledArg()}. */
    public void poll() {
        polledTime = times[0];
        polledPayload = payloads[0];
        int n = --size;
        if (n == 0) {
            return;
        }
        long t = times[n];
        long s = seqs[n];
        long p = payloads[n];
        int i = 0;
        int half = n >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            long ct = times[child];
            long cs = seqs[child];
            if (right < n) {
                long rt = times[right];
                if (rt < ct || (rt == ct && seqs[right] < cs)) {
                    child = right;
                    ct = rt;
                    cs = seqs[right];
                }
            }
            if (t < ct || (t == ct && s < cs)) {
                break;
            }
            times[i] = ct;
            seqs[i] = cs;
            payloads[i] = payloads[child];
            i = child;
        }
        times[i] = t;
        seqs[i] = s;
        payloads[i] = p;
    }

    public long polledTime() {
        return polledTime;
    }

    public int polledKind() {
        return (int) (polledPayload >>> 32);
    }

    public int polledArg() {
        return (int) polledPayload;
    }

    private void grow() {
        int cap = times.length * 2;
        times = Arrays.copyOf(times, cap);
        seqs = Arrays.copyOf(seqs, cap);
        payloads = Arrays.copyOf(payloads, cap);
    }
}
