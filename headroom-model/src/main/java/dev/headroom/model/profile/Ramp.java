package dev.headroom.model.profile;

/** A linear change of rate from {@code from} to {@code to} over a duration. */
public record Ramp(double fromPerSecond, double toPerSecond, double durationSeconds) implements Shape {
    @Override
    public double rateAt(double t) {
        return fromPerSecond + (toPerSecond - fromPerSecond) * (t / durationSeconds);
    }

    @Override
    public double maxRate(double t0, double t1) {
        return Math.max(rateAt(Math.max(0, t0)), rateAt(Math.min(durationSeconds, t1)));
    }

    @Override
    public String kind() {
        return "ramp";
    }
}
