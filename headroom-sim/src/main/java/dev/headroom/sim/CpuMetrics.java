package dev.headroom.sim;

import dev.headroom.model.run.MetricKey;
import java.util.Map;

/** The CPU metrics of a tier's sample: its capacity in cores at their current speed, and its CPU credits. */
final class CpuMetrics {
    private CpuMetrics() {}

    /** Puts the metrics into {@code m} and returns it; the credit figures only when the tier is burstable. */
    static Map<String, Double> of(
            double capacity,
            boolean burstable,
            double meanBalance,
            int throttled,
            double surplus,
            Map<String, Double> m) {
        m.put(MetricKey.CAPACITY.key(), IntervalSampler.round3(capacity));
        if (burstable) {
            m.put(MetricKey.CREDITS.key(), IntervalSampler.round3(meanBalance));
            m.put(MetricKey.THROTTLED.key(), (double) throttled);
            m.put(MetricKey.SURPLUS_CREDITS.key(), IntervalSampler.round3(surplus));
        }
        return m;
    }
}
