package dev.headroom.analysis;

import java.util.List;

/**
 * Where throughput stops following the offered rate and latency turns up, on a ramp or step run:
 * the offered rate at the knee, the throughput reached there, and when (seconds).
 */
public record Knee(
        double offeredPerSecond, double throughputPerSecond, double t, String summary, List<Evidence> evidence) {
    public Knee {
        evidence = List.copyOf(evidence);
    }
}
