package dev.headroom.model.architecture;

/**
 * An I/O credit bucket: the device may run at {@code burstIops} while it has credits, and at
 * {@code baselineIops} when they are gone. Credits accrue at the baseline rate and each I/O spends
 * one, so the balance changes at (baseline - IOPS used) per second, up to {@code capacity}. With a
 * full bucket of B credits driven at the burst rate R, it empties after B / (R - baseline) seconds
 * (the gp2 burst-duration formula of the EBS User Guide).
 */
public record IoBucket(double baselineIops, double burstIops, double capacity, double initialCredits) {}
