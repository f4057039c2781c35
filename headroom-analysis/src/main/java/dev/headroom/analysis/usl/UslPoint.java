package dev.headroom.analysis.usl;

/** One measurement: mean concurrency (requests in the system) and throughput (per second). */
public record UslPoint(double concurrency, double throughputPerSecond) {
    public UslPoint {
        if (!(concurrency > 0) || !(throughputPerSecond >= 0) || !Double.isFinite(concurrency + throughputPerSecond)) {
            throw new IllegalArgumentException("a point needs concurrency > 0 and throughput >= 0, got " + concurrency
                    + ", " + throughputPerSecond);
        }
    }
}
