package dev.headroom.sim.component;

import dev.headroom.sim.engine.IntQueue;
import dev.headroom.sim.stats.Gauge;

/**
 * A queue with {@code servers} identical servers, first come first served, and a waiting line of
 * at most {@code queueLimit} requests. It only keeps count; the caller schedules service.
 */
public final class Station {
    private final int servers;
    private final int queueLimit;
    private final IntQueue waiting = new IntQueue();
    private final Gauge gauge;
    private int busy;
    private long lastChange;
    private double busyArea;

    public Station(int servers, int queueLimit, Gauge gauge) {
        this.servers = servers;
        this.queueLimit = queueLimit;
        this.gauge = gauge;
    }

    /** Takes a server if one is free. */
    public boolean trySeize(long now) {
        if (busy < servers) {
            accumulate(now);
            busy++;
            gauge.busyChange(now, 1);
            return true;
        }
        return false;
    }

    /** Joins the waiting line; false when it is full. */
    public boolean enqueue(long now, int request) {
        if (waiting.size() >= queueLimit) {
            return false;
        }
        waiting.add(request);
        gauge.waitingChange(now, 1);
        return true;
    }

    public void release(long now) {
        accumulate(now);
        busy--;
        gauge.busyChange(now, -1);
    }

    private void accumulate(long now) {
        busyArea += (double) busy * (now - lastChange);
        lastChange = now;
    }

    /** Server-nanoseconds of busy time since the last call: what a credit bucket charges for. */
    public double takeBusyArea(long now) {
        accumulate(now);
        double area = busyArea;
        busyArea = 0;
        return area;
    }

    public int servers() {
        return servers;
    }

    /**
     * Releases a server and hands it straight to the head of the waiting line, if anyone waits:
     * returns that request's slot (its server is taken), or -1 when nobody waits.
     */
    public int releaseToNext(long now) {
        release(now);
        if (waiting.isEmpty()) {
            return -1;
        }
        int next = takeWaiting(now);
        trySeize(now);
        return next;
    }

    public boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /** Removes the head of the waiting line (the caller then seizes a server for it or drops it). */
    public int takeWaiting(long now) {
        gauge.waitingChange(now, -1);
        return waiting.poll();
    }

    public boolean isFull() {
        return busy >= servers;
    }

    public int busy() {
        return busy;
    }

    public Gauge gauge() {
        return gauge;
    }
}
