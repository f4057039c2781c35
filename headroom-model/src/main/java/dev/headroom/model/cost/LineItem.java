package dev.headroom.model.cost;

import dev.headroom.model.catalog.Service;

/**
 * One line of the bill: what is billed, by which service, what it costs per hour in the steady
 * architecture, and what it cost during the run (usage such as capacity units or surplus credits
 * has no steady price).
 */
public record LineItem(Service service, String item, double steadyPerHour, double eventCost) {}
