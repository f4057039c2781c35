package dev.headroom.model.run;

/**
 * The keys of the metrics a simulated component adds to its {@link ComponentSample} (beyond the
 * counts every sample has), as a run's timeline carries them. The simulator writes them and the
 * analysis reads them by these names.
 */
public enum MetricKey {
    /** Cores at their current speed (fewer while credits throttle them). */
    CAPACITY("capacity"),
    /** The mean CPU credit balance of a burstable tier's instances. */
    CREDITS("credits"),
    /** How many of a tier's instances are throttled to their baseline. */
    THROTTLED("throttled"),
    SURPLUS_CREDITS("surplusCredits"),
    HIT_RATIO("hitRatio"),
    REPLICATION_LAG_SECONDS("replicationLagSeconds"),
    BUFFER_POOL_HIT_RATIO("bufferPoolHitRatio"),
    DATA_GIB("dataGiB"),
    IOPS("iops"),
    IOPS_CAP("iopsCap"),
    VOLUME_CREDITS("volumeCredits"),
    EBS_CREDITS("ebsCredits"),
    /** The volume's queue length as CloudWatch reports it: I/Os waiting, being issued and in flight. */
    QUEUE_LENGTH("queueLength"),
    DESIRED("desired"),
    STARTING("starting"),
    IN_SERVICE("inService"),
    DRAINING("draining"),
    DEAD("dead");

    private final String key;

    MetricKey(String key) {
        this.key = key;
    }

    /** The key in a sample's metrics, e.g. {@code volumeCredits}. */
    public String key() {
        return key;
    }
}
