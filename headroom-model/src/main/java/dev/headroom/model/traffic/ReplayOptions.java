package dev.headroom.model.traffic;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How to turn a recording into a rate curve, as the spec's {@code replay} keys say.
 *
 * @param value what the values are; empty: what the file says, else a rate
 * @param periodSeconds the period each count covers; empty: the spacing of the rows
 * @param scale every value times this
 * @param from where the replay starts; empty: the first row
 * @param to where it ends; empty: the last row
 */
public record ReplayOptions(
        Optional<Meaning> value, OptionalDouble periodSeconds, double scale, Optional<Edge> from, Optional<Edge> to) {

    public static final ReplayOptions AS_RECORDED =
            new ReplayOptions(Optional.empty(), OptionalDouble.empty(), 1.0, Optional.empty(), Optional.empty());
}
