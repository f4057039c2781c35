package dev.headroom.sim.stats;

import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.ComponentSummary;

/**
 * Time-weighted statistics of one component (a group of identical stations: every instance's
 * cores, say): how many servers are busy and how many requests wait, integrated over time, for
 * the whole run and for the current timeline interval; and the residence times of departures,
 * so Little's law can be checked on every component.
 */
public final class Gauge {
    private final String name;
    private final String kind;
    private long capacity;
    /** Capacity-time since the start, for a component whose capacity changes (an auto scaling group). */
    private double capacityArea;

    private long capacitySince;
    private boolean capacityChanged;

    private long busy;
    private long waiting;
    private long lastNanos;

    private double busyArea;
    private double waitArea;
    private double intervalBusyArea;
    private double lastIntervalMean;
    private double intervalWaitArea;
    private long maxWaiting;
    private long intervalMaxWaiting;
    private long departures;
    private double residenceNanos;

    /** {@code capacity} is the number of servers, or -1 when unlimited. */
    public Gauge(String name, String kind, long capacity) {
        this.name = name;
        this.kind = kind;
        this.capacity = capacity;
    }

    /** The number of servers changes at {@code now} (instances joined or left). */
    public void setCapacity(long now, long servers) {
        if (capacity < 0 || servers == capacity) {
            return;
        }
        capacityArea += (double) capacity * (now - capacitySince);
        capacitySince = now;
        capacity = servers;
        capacityChanged = true;
    }

    /** The time-average capacity over {@code [0, now]}. */
    private double meanCapacity(long now) {
        if (!capacityChanged) {
            return capacity;
        }
        return (capacityArea + (double) capacity * (now - capacitySince)) / Math.max(1, now);
    }

    public String name() {
        return name;
    }

    private void advance(long now) {
        long dt = now - lastNanos;
        if (dt > 0) {
            double b = (double) busy * dt;
            double w = (double) waiting * dt;
            busyArea += b;
            waitArea += w;
            intervalBusyArea += b;
            intervalWaitArea += w;
            lastNanos = now;
        }
    }

    public void busyChange(long now, int delta) {
        advance(now);
        busy += delta;
    }

    public void waitingChange(long now, int delta) {
        advance(now);
        waiting += delta;
        if (waiting > intervalMaxWaiting) {
            intervalMaxWaiting = waiting;
            if (waiting > maxWaiting) {
                maxWaiting = waiting;
            }
        }
    }

    /** A request left the component after {@code residenceNanos} in it (waiting plus service). */
    public void departure(long residenceNanos) {
        departures++;
        this.residenceNanos += residenceNanos;
    }

    public long busy() {
        return busy;
    }

    public long waiting() {
        return waiting;
    }

    /** Mean busy plus waiting over the interval last closed. */
    public double meanLastInterval() {
        return lastIntervalMean;
    }

    /** The sample for the interval ending at {@code now}, and the start of the next interval. */
    public ComponentSample closeInterval(long now, long intervalNanos) {
        advance(now);
        double inUse = intervalBusyArea / intervalNanos;
        double util = capacity > 0 ? inUse / capacity : -1;
        ComponentSample s = new ComponentSample(
                round(util), round(inUse), round(intervalWaitArea / intervalNanos), intervalMaxWaiting);
        lastIntervalMean = (intervalBusyArea + intervalWaitArea) / intervalNanos;
        intervalBusyArea = 0;
        intervalWaitArea = 0;
        intervalMaxWaiting = waiting;
        return s;
    }

    public ComponentSummary summary(long now, long windowNanos) {
        advance(now);
        double span = Math.max(1, now);
        double inUse = busyArea / span;
        double cap = meanCapacity(now);
        return new ComponentSummary(
                kind,
                capacityChanged ? Math.round(cap) : capacity,
                round(cap > 0 ? inUse / cap : -1),
                round(inUse),
                round(waitArea / span),
                maxWaiting,
                departures,
                round(departures / (windowNanos / 1e9)),
                round(departures == 0 ? 0 : residenceNanos / departures / 1e6));
    }

    /** Mean number in the component (busy plus waiting) over {@code [0, now]}: the L of Little's law. */
    public double meanInSystem(long now) {
        advance(now);
        return (busyArea + waitArea) / Math.max(1, now);
    }

    /** Departures per second over {@code [0, now]}: the lambda of Little's law. */
    public double departureRate(long now) {
        return departures / (now / 1e9);
    }

    /** Mean residence in seconds: the W of Little's law. */
    public double meanResidenceSeconds() {
        return departures == 0 ? 0 : residenceNanos / departures / 1e9;
    }

    static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
