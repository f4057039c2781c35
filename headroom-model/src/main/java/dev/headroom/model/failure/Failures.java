package dev.headroom.model.failure;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Failures injected on purpose: components lost at given times (and restored, if a time is given),
 * and an optional chaos policy that kills instances at random, drawn from the run's seed so a run
 * can be replayed exactly.
 */
public record Failures(List<Failure> scheduled, Optional<Chaos> chaos) {
    public static final Failures NONE = new Failures(List.of(), Optional.empty());

    public Failures {
        scheduled = List.copyOf(scheduled);
    }

    public boolean isEmpty() {
        return scheduled.isEmpty() && chaos.isEmpty();
    }

    /** These failures and one more. */
    public Failures plus(Failure f) {
        List<Failure> all = new java.util.ArrayList<>(scheduled);
        all.add(f);
        return new Failures(all, chaos);
    }

    /**
     * {@code component} (an instance such as {@code web-3}, a whole group, a balancer, the cache or a
     * database node; see {@link FailureTargets}) is lost at {@code atNanos}; with {@code zone}, only
     * the group's instances in that availability zone. Restored at {@code restoreNanos} if given.
     */
    public record Failure(long atNanos, String component, Optional<String> zone, OptionalLong restoreNanos) {}

    /** Kills a random in-service instance of one of {@code groups}, a Poisson process of {@code perHour}. */
    public record Chaos(List<String> groups, double perHour) {
        public Chaos {
            groups = List.copyOf(groups);
        }
    }
}
