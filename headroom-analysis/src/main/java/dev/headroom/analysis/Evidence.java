package dev.headroom.analysis;

/**
 * What a finding rests on: one metric of one component in the interval starting at {@code t}
 * seconds, with its value and unit. {@code component} is {@code run} for figures of the whole run
 * (throughput, latency, error rate).
 */
public record Evidence(String component, String metric, double t, double value, String unit) {}
