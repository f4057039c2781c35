package dev.headroom.sim.stats;

/** A count integrated over time, read as its mean per interval (for example I/Os in flight). */
public final class TimeWeighted {
    private long value;
    private long lastNanos;
    private long intervalStart;
    private double area;

    public void add(long now, int delta) {
        area += (double) value * (now - lastNanos);
        lastNanos = now;
        value += delta;
    }

    /** The mean over the interval that ends now, and the start of the next. */
    public double closeInterval(long now) {
        add(now, 0);
        double length = now - intervalStart;
        double mean = length > 0 ? area / length : value;
        area = 0;
        intervalStart = now;
        return mean;
    }
}
