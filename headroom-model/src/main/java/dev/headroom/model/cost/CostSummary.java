package dev.headroom.model.cost;

import java.util.Map;

/**
 * What an architecture costs: per hour and per month (730 hours) at on-demand prices, what the run
 * itself cost (its hours plus surplus CPU credits billed in unlimited mode), and that per million
 * successful requests. {@code unpriced} names the nodes with no instance type, which cost nothing
 * here because Headroom cannot know their price.
 */
public record CostSummary(
        double perHour,
        double perMonth,
        double runCost,
        double surplusCreditsCost,
        double perMillionRequests,
        Map<String, Double> perHourByItem,
        java.util.List<String> unpriced) {}
