package dev.headroom.model.profile;

import java.util.List;

/**
 * A day of traffic: a base rate plus named peaks (lunch, dinner) at given times of day. Each
 * peak is a Gaussian bump whose {@code width} is its full width at half height, centred on its
 * time of day and wrapping around midnight; {@code rate} is the total rate at the peak's centre.
 * The phase starts at {@code startOfDaySeconds} (seconds after midnight).
 */
public record Daily(double basePerSecond, List<Peak> peaks, double startOfDaySeconds, double durationSeconds)
        implements Shape {

    static final double DAY_SECONDS = 86_400;
    /** FWHM = 2 sqrt(2 ln 2) sigma for a Gaussian. */
    static final double FWHM_PER_SIGMA = 2 * Math.sqrt(2 * Math.log(2));

    /** A named peak: total rate at its centre, time of day of the centre, full width at half height. */
    public record Peak(String name, double ratePerSecond, double atSecondOfDay, double widthSeconds) {
        double sigma() {
            return widthSeconds / FWHM_PER_SIGMA;
        }
    }

    public Daily {
        peaks = List.copyOf(peaks);
    }

    @Override
    public double rateAt(double t) {
        double timeOfDay = startOfDaySeconds + t;
        double rate = basePerSecond;
        for (Peak p : peaks) {
            double d = circularDistance(timeOfDay, p.atSecondOfDay());
            double s = p.sigma();
            rate += (p.ratePerSecond() - basePerSecond) * Math.exp(-d * d / (2 * s * s));
        }
        return rate;
    }

    @Override
    public double maxRate(double t0, double t1) {
        double bound = basePerSecond;
        double a = startOfDaySeconds + t0;
        double b = startOfDaySeconds + t1;
        for (Peak p : peaks) {
            double d = closestDistance(a, b, p.atSecondOfDay());
            double s = p.sigma();
            // A peak below the base is a dip: it only lowers the rate, so it adds nothing to the bound.
            bound += Math.max(0, p.ratePerSecond() - basePerSecond) * Math.exp(-d * d / (2 * s * s));
        }
        return bound;
    }

    private static double circularDistance(double x, double centre) {
        double d = Math.abs((x - centre) % DAY_SECONDS);
        return Math.min(d, DAY_SECONDS - d);
    }

    /** The smallest circular distance from {@code centre} to any point of {@code [a, b]}. */
    private static double closestDistance(double a, double b, double centre) {
        if (b - a >= DAY_SECONDS) {
            return 0;
        }
        double k = Math.ceil((a - centre) / DAY_SECONDS);
        if (centre + k * DAY_SECONDS <= b) {
            return 0;
        }
        return Math.min(circularDistance(a, centre), circularDistance(b, centre));
    }

    @Override
    public String kind() {
        return "daily";
    }
}
