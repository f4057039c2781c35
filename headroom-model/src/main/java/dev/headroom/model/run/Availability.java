package dev.headroom.model.run;

import java.util.List;

/**
 * Availability of a run: successful requests over requests that ended (succeeded or failed for
 * good), overall and per minute; {@code downtimeSeconds} counts the seconds whose availability was
 * under {@code target}; {@code errorBudgetUsed} is the failed requests as a share of those the
 * target allows ({@code 1 - target} of all requests): above 1, the budget is spent.
 */
public record Availability(
        double overall, double target, double downtimeSeconds, double errorBudgetUsed, List<Double> perMinute) {
    public Availability {
        perMinute = List.copyOf(perMinute);
    }

    /** Availability from counts: 1 when nothing ended. */
    public static double of(long succeeded, long failed) {
        long ended = succeeded + failed;
        return ended == 0 ? 1.0 : (double) succeeded / ended;
    }
}
