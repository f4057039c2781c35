package dev.headroom.sim;

import dev.headroom.model.run.RunEvent;
import java.util.OptionalDouble;
import java.util.function.Consumer;

/**
 * How to run a simulation: the seed, an optional shorter duration than the profile's, and where
 * the timeline and the events go.
 */
public record SimOptions(long seed, OptionalDouble durationSeconds, TimelineSink timeline, Consumer<RunEvent> events) {
    public SimOptions(long seed, OptionalDouble durationSeconds, TimelineSink timeline) {
        this(seed, durationSeconds, timeline, e -> {});
    }

    public static SimOptions seeded(long seed) {
        return new SimOptions(seed, OptionalDouble.empty(), TimelineSink.DISCARD);
    }

    public SimOptions withTimeline(TimelineSink sink) {
        return new SimOptions(seed, durationSeconds, sink, events);
    }

    public SimOptions withEvents(Consumer<RunEvent> sink) {
        return new SimOptions(seed, durationSeconds, timeline, sink);
    }

    public SimOptions withDuration(double seconds) {
        return new SimOptions(seed, OptionalDouble.of(seconds), timeline, events);
    }
}
