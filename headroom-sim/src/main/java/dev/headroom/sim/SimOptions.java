package dev.headroom.sim;

import dev.headroom.model.run.RunEvent;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * How to run a simulation: the seed, an optional shorter duration than the profile's, where the
 * timeline and the events go, and an optional rule that ends the run once its goals are lost.
 */
public record SimOptions(
        long seed,
        OptionalDouble durationSeconds,
        TimelineSink timeline,
        Consumer<RunEvent> events,
        Optional<StopRule> stop) {
    public SimOptions(long seed, OptionalDouble durationSeconds, TimelineSink timeline, Consumer<RunEvent> events) {
        this(seed, durationSeconds, timeline, events, Optional.empty());
    }

    public SimOptions(long seed, OptionalDouble durationSeconds, TimelineSink timeline) {
        this(seed, durationSeconds, timeline, e -> {});
    }

    public static SimOptions seeded(long seed) {
        return new SimOptions(seed, OptionalDouble.empty(), TimelineSink.DISCARD);
    }

    public SimOptions withTimeline(TimelineSink sink) {
        return new SimOptions(seed, durationSeconds, sink, events, stop);
    }

    public SimOptions withEvents(Consumer<RunEvent> sink) {
        return new SimOptions(seed, durationSeconds, timeline, sink, stop);
    }

    public SimOptions withDuration(double seconds) {
        return new SimOptions(seed, OptionalDouble.of(seconds), timeline, events, stop);
    }

    /** These options, ending the run as soon as {@code rule} says its goals are lost. */
    public SimOptions withStop(StopRule rule) {
        return new SimOptions(seed, durationSeconds, timeline, events, Optional.of(rule));
    }
}
