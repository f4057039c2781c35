package dev.headroom.model.traffic;

import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;

/**
 * One end of the window a replay keeps: an ISO-8601 instant ({@code 2025-11-28T18:00:00Z}), or
 * an offset from the file's first row ({@code 8h}). Either form reads the same in any file with
 * dated rows; a file of plain offsets takes only offsets.
 */
public sealed interface Edge {

    /** An instant, in seconds since the epoch. */
    record At(double epochSeconds) implements Edge {}

    /** An offset from the first row, in seconds. */
    record After(double seconds) implements Edge {}

    /** {@code 2025-11-28T18:00:00Z} or {@code 8h}; a {@link QuantityException} otherwise. */
    static Edge parse(String text) {
        if (Instants.looksDated(text)) {
            double s = Instants.epochSeconds(text);
            if (Double.isNaN(s)) {
                throw new QuantityException(
                        "not an ISO-8601 date and time", "write it as 2025-11-28T18:00:00Z, or an offset such as 8h");
            }
            return new At(s);
        }
        try {
            return new After(Quantities.durationNanos(text) / 1e9);
        } catch (QuantityException e) {
            throw new QuantityException(
                    "not a time: give an ISO-8601 time or an offset from the first row",
                    "write it as 2025-11-28T18:00:00Z, or as 8h (8 hours after the first row)");
        }
    }

    /** The edge in the file's seconds, given the time of its first row. */
    default double resolve(double firstRowSeconds) {
        return this instanceof At at ? at.epochSeconds() : firstRowSeconds + ((After) this).seconds();
    }
}
