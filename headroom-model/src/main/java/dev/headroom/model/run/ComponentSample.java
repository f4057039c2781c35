package dev.headroom.model.run;

/** One component over one timeline interval: mean utilisation, in use and waiting, and the maximum waiting. */
public record ComponentSample(double utilization, double inUse, double waiting, long maxWaiting) {}
