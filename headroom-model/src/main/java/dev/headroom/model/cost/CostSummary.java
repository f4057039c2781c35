package dev.headroom.model.cost;

import java.util.List;

/**
 * The bill of an architecture, with the two figures a team budgets kept apart. The
 * {@code eventCost} is what the run's profile cost: every node for the time it ran (a scaling
 * pool by the second, as used) plus usage (balancer capacity units, surplus credits). The steady
 * cost is the architecture at its baseline, or at its autoscaling minimum, per hour and per month
 * of 730 hours; it leaves usage out, and never multiplies a peak by a month. {@code unpriced}
 * names the nodes with no type, which cost nothing here because Headroom cannot know their price.
 */
public record CostSummary(
        double eventCost,
        double steadyPerHour,
        double steadyPerMonth,
        double surplusCreditsCost,
        double perMillionRequests,
        List<LineItem> items,
        List<String> unpriced) {
    public CostSummary {
        items = List.copyOf(items);
        unpriced = List.copyOf(unpriced);
    }
}
