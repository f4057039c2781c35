package dev.headroom.model.architecture;

import java.util.Optional;

/**
 * A database disk: it issues at most {@code iops} operations per second (the baseline, or the
 * provisioned IOPS), each taking {@code latencyNanos} once issued. A volume of a catalog type
 * carries its size, provisioned IOPS and provisioned throughput (gp3; 0 when it follows from the
 * type) for pricing, may burst above the baseline from an I/O credit bucket (gp2, st1), and is
 * capped by the instance's own EBS limit (another bucket). Throughput is billed, not simulated:
 * the model's I/Os are small.
 */
public record Disk(
        double iops,
        long latencyNanos,
        String volumeType,
        double sizeGiB,
        double provisionedIops,
        Optional<IoBucket> burst,
        Optional<IoBucket> instanceLimit,
        double provisionedThroughputMiBps) {

    /** A volume whose throughput follows from its type. */
    public Disk(
            double iops,
            long latencyNanos,
            String volumeType,
            double sizeGiB,
            double provisionedIops,
            Optional<IoBucket> burst,
            Optional<IoBucket> instanceLimit) {
        this(iops, latencyNanos, volumeType, sizeGiB, provisionedIops, burst, instanceLimit, 0);
    }

    /** A disk given only by its IOPS and latency, with no volume type. */
    public static Disk raw(double iops, long latencyNanos) {
        return new Disk(iops, latencyNanos, "raw", 0, 0, Optional.empty(), Optional.empty());
    }
}
