package dev.headroom.model.run;

import java.util.Map;

/**
 * One interval of a run: the offered rate (from the profile), arrivals, successful completions,
 * errors by kind, latency of the requests that completed in it, and each component's sample.
 */
public record TimelineRecord(
        double t,
        double offeredPerSecond,
        long arrivals,
        long completed,
        long retries,
        Map<String, Long> errors,
        LatencySummary latencyMillis,
        Map<String, ComponentSample> components) {}
