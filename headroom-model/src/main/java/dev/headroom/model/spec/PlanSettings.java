package dev.headroom.model.spec;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The {@code plan:} section of a spec, read by {@code headroom plan} and ignored by every other
 * command: the dimensions to vary ({@code vary}, each a {@code --set} path and the values it may
 * take, written as on the command line), the load {@code margin}, the objective to
 * {@code minimise} ({@code event} or {@code monthly}) and whether the goals must {@code survive}
 * one failure. Each entry keeps where it was written, so a bad value is reported at its line.
 */
public record PlanSettings(
        List<Vary> vary, OptionalDouble margin, Optional<String> minimise, Optional<String> survive) {
    public static final PlanSettings NONE =
            new PlanSettings(List.of(), OptionalDouble.empty(), Optional.empty(), Optional.empty());

    public static final List<String> OBJECTIVES = List.of("event", "monthly");
    public static final List<String> SURVIVE = List.of("none", "one-failure");

    public PlanSettings {
        vary = List.copyOf(vary);
    }

    /**
     * One dimension as written: {@code path: values} at {@code line}:{@code column} of {@code source}.
     * Two are equal when they say the same ({@code path} and {@code values}): where they were written
     * is for messages, so a spec rewritten with {@code --out}, its lines moved, is the same spec.
     */
    public record Vary(String path, String values, String source, int line, int column) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Vary v && v.path.equals(path) && v.values.equals(values);
        }

        @Override
        public int hashCode() {
            return Objects.hash(path, values);
        }
    }
}
