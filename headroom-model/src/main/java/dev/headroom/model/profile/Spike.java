package dev.headroom.model.profile;

/**
 * A flash sale: {@code lead} at the base rate, a linear rise to the peak, the peak held, a linear
 * decay back to the base, then {@code tail} at the base rate.
 */
public record Spike(
        double basePerSecond,
        double peakPerSecond,
        double leadSeconds,
        double riseSeconds,
        double holdSeconds,
        double decaySeconds,
        double tailSeconds)
        implements Shape {

    @Override
    public double durationSeconds() {
        return leadSeconds + riseSeconds + holdSeconds + decaySeconds + tailSeconds;
    }

    @Override
    public double rateAt(double t) {
        double x = t - leadSeconds;
        if (x < 0) {
            return basePerSecond;
        }
        if (x < riseSeconds) {
            return basePerSecond + (peakPerSecond - basePerSecond) * (x / riseSeconds);
        }
        x -= riseSeconds;
        if (x < holdSeconds) {
            return peakPerSecond;
        }
        x -= holdSeconds;
        if (x < decaySeconds) {
            return peakPerSecond - (peakPerSecond - basePerSecond) * (x / decaySeconds);
        }
        return basePerSecond;
    }

    @Override
    public double maxRate(double t0, double t1) {
        double peakStart = leadSeconds + riseSeconds;
        double peakEnd = peakStart + holdSeconds;
        if (t1 >= peakStart && t0 <= peakEnd) {
            return Math.max(peakPerSecond, basePerSecond);
        }
        // Outside the hold the shape is monotone on each side, so the ends bound it.
        return Math.max(rateAt(Math.max(0, t0)), rateAt(Math.min(durationSeconds(), t1)));
    }

    @Override
    public String kind() {
        return "spike";
    }
}
