package dev.headroom.sim;

import dev.headroom.model.run.TimelineRecord;

/** Receives timeline records as the simulation produces them (a file writer, a list in tests). */
@FunctionalInterface
public interface TimelineSink {
    TimelineSink DISCARD = r -> {};

    void accept(TimelineRecord record);
}
