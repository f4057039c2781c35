package dev.headroom.model.run;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kinds of {@link RunEvent} the simulator records, by the label a run's {@code events.jsonl}
 * carries. The analysis reads the saturation signals among them as causes of a bottleneck, and
 * reports every other kind as a finding of its own.
 */
public enum EventKind {
    CPU_CREDITS_EXHAUSTED("cpu-credits-exhausted", true),
    VOLUME_CREDITS_EXHAUSTED("volume-credits-exhausted", true),
    INSTANCE_EBS_CREDITS_EXHAUSTED("instance-ebs-credits-exhausted", true),
    CONNECTIONS_EXHAUSTED("connections-exhausted", true),
    MAX_CONNECTIONS_REACHED("max-connections-reached", true),
    POOL_EXHAUSTED("pool-exhausted", true),
    LOCK_CONVOY("lock-convoy", true),
    SPILLOVER_BEGINS("spillover-begins", true),
    INSTANCE_IN_SERVICE("instance-in-service", false),
    INSTANCE_UNHEALTHY("instance-unhealthy", false),
    INSTANCE_KILLED("instance-killed", false),
    DRAIN_TIMEOUT("drain-timeout", false),
    SCALE_OUT("scale-out", false),
    SCALE_IN("scale-in", false),
    SCHEDULED_ACTION("scheduled-action", false),
    ZONE_LOST("zone-lost", false),
    ZONE_RESTORED("zone-restored", false),
    LB_LOST("lb-lost", false),
    LB_RESTORED("lb-restored", false),
    CACHE_LOST("cache-lost", false),
    CACHE_RESTORED("cache-restored", false),
    DB_REPLICA_LOST("db-replica-lost", false),
    DB_PRIMARY_LOST("db-primary-lost", false),
    DB_OUTAGE("db-outage", false),
    DB_FAILOVER("db-failover", false),
    DB_RESTORED("db-restored", false);

    private static final Map<String, EventKind> BY_LABEL =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventKind::label, Function.identity()));

    private final String label;
    private final boolean saturationSignal;

    EventKind(String label, boolean saturationSignal) {
        this.label = label;
        this.saturationSignal = saturationSignal;
    }

    /** The name in a run's events, e.g. {@code cpu-credits-exhausted}. */
    public String label() {
        return label;
    }

    /** Whether the event says a component ran out of something (a cause the bottleneck analysis reads). */
    public boolean saturationSignal() {
        return saturationSignal;
    }

    /** The kind with {@code label}; empty for events of other sources (guards, the load generator). */
    public static Optional<EventKind> of(String label) {
        return Optional.ofNullable(BY_LABEL.get(label));
    }

    /** Whether {@code label} names a saturation signal. */
    public static boolean isSaturationSignal(String label) {
        return of(label).map(EventKind::saturationSignal).orElse(false);
    }
}
