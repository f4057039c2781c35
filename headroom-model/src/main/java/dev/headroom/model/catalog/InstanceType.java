package dev.headroom.model.catalog;

import java.util.Optional;

/**
 * An instance type: vCPUs, memory, credits for burstable types, the EBS limits it puts on every
 * volume attached to it, and the on-demand price of the {@code service} that sells it (an EC2
 * instance, an RDS class, an ElastiCache node). Sources are in {@code instances.yaml},
 * {@code rds.yaml} and {@code elasticache.yaml}.
 */
public record InstanceType(
        String name,
        int vcpus,
        double memoryGiB,
        Optional<Burst> burst,
        Optional<EbsLimits> ebs,
        double pricePerHour,
        Service service) {

    /** An EC2 instance type. */
    public InstanceType(
            String name,
            int vcpus,
            double memoryGiB,
            Optional<Burst> burst,
            Optional<EbsLimits> ebs,
            double pricePerHour) {
        this(name, vcpus, memoryGiB, burst, ebs, pricePerHour, Service.EC2);
    }

    /** The family: {@code t3} of {@code t3.large}, {@code db.r5} of {@code db.r5.xlarge}. */
    public String family() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    public boolean burstable() {
        return burst.isPresent();
    }

    /**
     * CPU credits of a burstable type. One credit is one vCPU at 100% for one minute; the
     * instance earns {@code creditsPerHour} and accrues at most {@code maxCredits}.
     */
    public record Burst(double baselinePerVcpu, double creditsPerHour, double maxCredits, double launchCredits) {}

    /** EBS-optimised limits: baseline and burst bandwidth (Mbps) and IOPS. */
    public record EbsLimits(double baselineMbps, double burstMbps, double baselineIops, double burstIops) {}
}
