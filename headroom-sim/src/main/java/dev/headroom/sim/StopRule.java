package dev.headroom.sim;

import dev.headroom.model.goal.Goals;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Ends a run as soon as its goals can no longer be met, whatever the rest of it does: a screening
 * run. A latency goal {@code pN <= L} allows at most a fraction {@code 1 - N/100} of the run's
 * successful responses above {@code L}, so once more responses than that fraction of the most
 * requests the run can have were slower than {@code L}, the goal is lost; the error goal likewise
 * once more requests failed than its rate allows of that most. {@code maxRequests} is an upper
 * bound on the requests the run will have (the expected arrivals plus six standard deviations of
 * a Poisson count), so a run stopped by this rule is one that would have failed if run to the end.
 */
public record StopRule(List<Latency> latency, long maxErrors, long maxRequests) {
    public StopRule {
        latency = List.copyOf(latency);
    }

    /** At most {@code maxSlow} responses may take longer than {@code boundNanos}, for goal {@code goal}. */
    public record Latency(String goal, long boundNanos, long maxSlow) {}

    /** Why a run stopped early: the goal, when, how many requests broke it and how many it allowed. */
    public record Stopped(String goal, double atSeconds, long count, long allowed) {}

    /**
     * The rule that stops a run of {@code goals} once they are lost, for a run whose arrivals are
     * expected to number {@code expectedRequests}. Errors are unlimited without an error goal.
     */
    public static StopRule forGoals(Goals goals, double expectedRequests) {
        long most = mostRequests(expectedRequests);
        List<Latency> latency = new ArrayList<>();
        for (Map.Entry<String, Double> g : goals.latencyMillis().entrySet()) {
            double allowedFraction = allowedSlowFraction(g.getKey());
            latency.add(
                    new Latency(g.getKey(), Math.round(g.getValue() * 1e6), (long) Math.floor(allowedFraction * most)));
        }
        long maxErrors = goals.maxErrorRate().isPresent()
                ? (long) Math.floor(goals.maxErrorRate().getAsDouble() * most)
                : Long.MAX_VALUE;
        return new StopRule(latency, maxErrors, most);
    }

    /** The expected count plus six standard deviations of a Poisson count, and ten. */
    static long mostRequests(double expected) {
        double e = Math.max(0, expected);
        return (long) Math.ceil(e + 6 * Math.sqrt(e) + 10);
    }

    /** The fraction of responses a percentile goal lets be slower than its bound. */
    public static double allowedSlowFraction(String percentile) {
        return switch (percentile) {
            case "p50" -> 0.5;
            case "p90" -> 0.1;
            case "p99" -> 0.01;
            case "p999" -> 0.001;
            case "max" -> 0;
            default -> throw new IllegalArgumentException("unknown percentile " + percentile);
        };
    }
}
