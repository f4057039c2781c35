package dev.headroom.model.profile;

import java.util.List;

/**
 * A recorded rate curve: points of (time, rate), linearly interpolated; the phase lasts until the
 * last point. Before the first point the first rate holds. {@code ReplayCurve} (in
 * {@code model.traffic}) builds the points from a CSV or Prometheus recording, starting at 0.
 */
public record Replay(String source, List<Point> points) implements Shape {

    /** A recorded rate at a time offset in seconds. */
    public record Point(double atSeconds, double ratePerSecond) {}

    public Replay {
        points = List.copyOf(points);
    }

    @Override
    public double durationSeconds() {
        return points.get(points.size() - 1).atSeconds();
    }

    @Override
    public double rateAt(double t) {
        int i = indexAtOrBefore(t);
        if (i < 0) {
            return points.get(0).ratePerSecond();
        }
        if (i >= points.size() - 1) {
            return points.get(points.size() - 1).ratePerSecond();
        }
        Point a = points.get(i);
        Point b = points.get(i + 1);
        double span = b.atSeconds() - a.atSeconds();
        if (span <= 0) {
            return b.ratePerSecond();
        }
        return a.ratePerSecond() + (b.ratePerSecond() - a.ratePerSecond()) * ((t - a.atSeconds()) / span);
    }

    @Override
    public double maxRate(double t0, double t1) {
        double max = Math.max(rateAt(t0), rateAt(t1));
        for (Point p : points) {
            if (p.atSeconds() > t0 && p.atSeconds() < t1) {
                max = Math.max(max, p.ratePerSecond());
            }
        }
        return max;
    }

    private int indexAtOrBefore(double t) {
        int lo = 0;
        int hi = points.size() - 1;
        if (t < points.get(0).atSeconds()) {
            return -1;
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (points.get(mid).atSeconds() <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    @Override
    public String kind() {
        return "replay";
    }
}
