package dev.headroom.model.profile;

import java.util.List;

/**
 * Arrival rate over time: phases played in sequence, every rate multiplied by {@code scale}
 * ({@code 1.5} = 150% of the curve). Time is in seconds from the start of the run.
 */
public record Profile(List<Shape> phases, double scale) {

    /** Step of the numeric integration used by {@link #expectedArrivals}; rates vary slowly at this scale. */
    private static final double INTEGRATION_STEP_SECONDS = 0.05;

    public Profile {
        phases = List.copyOf(phases);
        if (phases.isEmpty()) {
            throw new IllegalArgumentException("a profile needs at least one phase");
        }
    }

    public static Profile of(Shape... phases) {
        return new Profile(List.of(phases), 1.0);
    }

    public Profile scaled(double factor) {
        return new Profile(phases, scale * factor);
    }

    public double durationSeconds() {
        double total = 0;
        for (Shape s : phases) {
            total += s.durationSeconds();
        }
        return total;
    }

    /** The rate at time {@code t}; zero outside {@code [0, duration)}. */
    public double rateAt(double t) {
        if (t < 0) {
            return 0;
        }
        double start = 0;
        for (Shape s : phases) {
            double end = start + s.durationSeconds();
            if (t < end) {
                return scale * s.rateAt(t - start);
            }
            start = end;
        }
        return 0;
    }

    /** An upper bound on the rate over {@code [t0, t1]}, used to thin a Poisson process. */
    public double maxRate(double t0, double t1) {
        double max = 0;
        double start = 0;
        for (Shape s : phases) {
            double end = start + s.durationSeconds();
            if (end > t0 && start <= t1) {
                double a = Math.max(0, t0 - start);
                double b = Math.min(s.durationSeconds(), t1 - start);
                max = Math.max(max, s.maxRate(a, b));
            }
            start = end;
        }
        return scale * max;
    }

    /** The end of the phase containing {@code t}; thinning bounds never straddle a phase boundary. */
    public double phaseEndAfter(double t) {
        double end = 0;
        for (Shape s : phases) {
            end += s.durationSeconds();
            if (t < end) {
                return end;
            }
        }
        return end;
    }

    /** The highest rate of the whole profile (sampled per second plus each phase's own bound). */
    public double peakRate() {
        return maxRate(0, durationSeconds());
    }

    /** Mean rate over the whole profile. */
    public double meanRate() {
        double d = durationSeconds();
        return d <= 0 ? 0 : expectedArrivals(0, d) / d;
    }

    /** The highest rate in the first {@code seconds} of the profile (a run shortened with {@code --duration}). */
    public double peakRate(double seconds) {
        double d = Math.min(seconds, durationSeconds());
        if (d >= durationSeconds()) {
            return peakRate();
        }
        // The window is [0, d): a phase that starts at d did not run.
        double max = 0;
        double start = 0;
        for (Shape s : phases) {
            if (start >= d) {
                break;
            }
            max = Math.max(max, s.maxRate(0, Math.min(s.durationSeconds(), d - start)));
            start += s.durationSeconds();
        }
        return scale * max;
    }

    /** The mean rate over the first {@code seconds} of the profile. */
    public double meanRate(double seconds) {
        double d = Math.min(seconds, durationSeconds());
        return d <= 0 ? 0 : expectedArrivals(0, d) / d;
    }

    /** The expected number of arrivals in {@code [t0, t1]}: the integral of the rate (Simpson's rule). */
    public double expectedArrivals(double t0, double t1) {
        return arrivals(t0, t1, Integer.MAX_VALUE);
    }

    /**
     * {@link #expectedArrivals} with at most about {@code steps} rate evaluations per phase, for an
     * estimate that must stay fast over a long profile (400 days in 50 ms steps would be 700
     * million evaluations).
     */
    public double approximateArrivals(double t0, double t1, int steps) {
        return arrivals(t0, t1, steps);
    }

    private double arrivals(double t0, double t1, int steps) {
        double a = Math.max(0, t0);
        double b = Math.min(durationSeconds(), t1);
        if (b <= a) {
            return 0;
        }
        // Integrate each phase separately: rates may jump at phase boundaries.
        double total = 0;
        double start = 0;
        for (Shape s : phases) {
            double end = start + s.durationSeconds();
            double lo = Math.max(a, start);
            double hi = Math.min(b, end);
            if (hi > lo) {
                total += integrate(s, lo - start, hi - start, steps);
            }
            start = end;
        }
        return scale * total;
    }

    private static double integrate(Shape s, double a, double b, int maxSteps) {
        if (s instanceof Constant c) {
            return c.ratePerSecond() * (b - a);
        }
        if (s instanceof Steps steps) {
            return integrateSteps(steps, a, b);
        }
        int n = (int) Math.min(maxSteps, Math.ceil((b - a) / INTEGRATION_STEP_SECONDS));
        n = Math.max(2, n + (n & 1));
        double h = (b - a) / n;
        double sum = s.rateAt(a) + s.rateAt(Math.nextDown(b));
        for (int i = 1; i < n; i++) {
            sum += s.rateAt(a + i * h) * ((i & 1) == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }

    private static double integrateSteps(Steps steps, double a, double b) {
        double total = 0;
        double start = 0;
        for (Steps.Step st : steps.steps()) {
            double end = start + st.durationSeconds();
            double lo = Math.max(a, start);
            double hi = Math.min(b, end);
            if (hi > lo) {
                total += st.ratePerSecond() * (hi - lo);
            }
            start = end;
        }
        return total;
    }
}
