package dev.headroom.sim;

import java.util.Arrays;

/**
 * The pool of request objects and the clients' deadlines. Every request waits the same timeout,
 * so deadlines expire in arrival order: a FIFO ring replaces a timer per request.
 */
final class Requests {
    private Request[] all = new Request[0];
    private int[] free = new int[0];
    private int freeCount;

    private long[] ringDeadline = new long[1024];
    private int[] ringSlot = new int[1024];
    private int[] ringGeneration = new int[1024];
    private int ringHead;
    private int ringSize;
    private int live;

    Request allocate() {
        if (freeCount == 0) {
            int old = all.length;
            int cap = Math.max(256, old * 2);
            all = Arrays.copyOf(all, cap);
            free = Arrays.copyOf(free, cap);
            for (int i = cap - 1; i >= old; i--) {
                all[i] = new Request(i);
                free[freeCount++] = i;
            }
        }
        Request r = all[free[--freeCount]];
        r.generation++;
        r.connectionNode = -1;
        r.holdsPoolSlot = false;
        r.holdsLock = false;
        r.timedOut = false;
        r.applyJob = false;
        r.job = false;
        r.attempt = 0;
        r.live = true;
        r.routed = false;
        r.backend = -1;
        live++;
        return r;
    }

    Request get(int slot) {
        return all[slot];
    }

    void release(Request r) {
        r.live = false;
        r.generation++;
        free[freeCount++] = r.slot;
        live--;
    }

    /** Every request in flight (for failures, which are rare: a scan is fine). */
    void forEachLive(java.util.function.Consumer<Request> action) {
        for (Request r : all) {
            if (r.live) {
                action.accept(r);
            }
        }
    }

    int live() {
        return live;
    }

    void watchDeadline(Request r) {
        if (ringSize == ringDeadline.length) {
            int cap = ringSize * 2;
            long[] d = new long[cap];
            int[] s = new int[cap];
            int[] g = new int[cap];
            for (int i = 0; i < ringSize; i++) {
                int j = (ringHead + i) & (ringDeadline.length - 1);
                d[i] = ringDeadline[j];
                s[i] = ringSlot[j];
                g[i] = ringGeneration[j];
            }
            ringDeadline = d;
            ringSlot = s;
            ringGeneration = g;
            ringHead = 0;
        }
        int j = (ringHead + ringSize) & (ringDeadline.length - 1);
        ringDeadline[j] = r.deadlineNanos;
        ringSlot[j] = r.slot;
        ringGeneration[j] = r.generation;
        ringSize++;
    }

    /** The earliest deadline still watched, or {@link Long#MAX_VALUE}. */
    long nextDeadline() {
        return ringSize == 0 ? Long.MAX_VALUE : ringDeadline[ringHead];
    }

    /** Pops the earliest deadline; returns the request if it is still in flight, else null. */
    Request popDeadline() {
        int slot = ringSlot[ringHead];
        int gen = ringGeneration[ringHead];
        ringHead = (ringHead + 1) & (ringDeadline.length - 1);
        ringSize--;
        Request r = all[slot];
        return r.generation == gen ? r : null;
    }
}
