package dev.headroom.sim;

import java.util.OptionalDouble;

/**
 * How to run a simulation: the seed, an optional shorter duration than the profile's, and where
 * the timeline goes.
 */
public record SimOptions(long seed, OptionalDouble durationSeconds, TimelineSink timeline) {
    public static SimOptions seeded(long seed) {
        return new SimOptions(seed, OptionalDouble.empty(), TimelineSink.DISCARD);
    }

    public SimOptions withTimeline(TimelineSink sink) {
        return new SimOptions(seed, durationSeconds, sink);
    }

    public SimOptions withDuration(double seconds) {
        return new SimOptions(seed, OptionalDouble.of(seconds), timeline);
    }
}
