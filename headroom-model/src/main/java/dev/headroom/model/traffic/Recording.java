package dev.headroom.model.traffic;

import java.util.List;
import java.util.Optional;

/**
 * The samples read from a traffic file, in file order, and what the file itself says they mean:
 * a CloudWatch {@code Sum} column is a count per period, a Prometheus range query is a rate, a
 * bare {@code time,value} file does not say.
 *
 * @param dated whether the times are instants (ISO-8601 or epoch seconds), so a window can be
 *     given as ISO times
 * @param valueName the column or series the values came from, for messages
 */
public record Recording(List<Sample> samples, Optional<Meaning> meaning, boolean dated, String valueName) {
    public Recording {
        samples = List.copyOf(samples);
    }
}
