package dev.headroom.model.profile;

/** A constant rate for a duration. */
public record Constant(double ratePerSecond, double durationSeconds) implements Shape {
    @Override
    public double rateAt(double t) {
        return ratePerSecond;
    }

    @Override
    public double maxRate(double t0, double t1) {
        return ratePerSecond;
    }

    @Override
    public String kind() {
        return "constant";
    }
}
