package dev.headroom.model.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A run's record as saved in {@code run.json}: metadata and summary. The timeline is beside it.
 * A measured run adds {@link Measurement} (what a real target and a real client add to the
 * picture); a simulation leaves it null and it is not written. {@code goals} are the goals the run
 * was held to (the spec's {@code goals:}, or a load scenario's latency and error thresholds), null
 * and not written when it had none.
 */
public record Run(
        RunMetadata metadata,
        RunSummary summary,
        @JsonInclude(JsonInclude.Include.NON_NULL) Measurement measurement,
        @JsonInclude(JsonInclude.Include.NON_NULL) RunGoals goals) {

    /** A simulated run. */
    public Run(RunMetadata metadata, RunSummary summary) {
        this(metadata, summary, null, null);
    }

    /** A run with no goals recorded. */
    public Run(RunMetadata metadata, RunSummary summary, Measurement measurement) {
        this(metadata, summary, measurement, null);
    }

    /** The same run with the goals it was held to (none when {@code g} is empty). */
    public Run withGoals(dev.headroom.model.goal.Goals g) {
        return new Run(metadata, summary, measurement, g == null || g.isEmpty() ? null : RunGoals.of(g));
    }
}
