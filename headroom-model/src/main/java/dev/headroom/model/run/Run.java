package dev.headroom.model.run;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A run's record as saved in {@code run.json}: metadata and summary. The timeline is beside it.
 * A measured run adds {@link Measurement} (what a real target and a real client add to the
 * picture); a simulation leaves it null and it is not written.
 */
public record Run(
        RunMetadata metadata, RunSummary summary, @JsonInclude(JsonInclude.Include.NON_NULL) Measurement measurement) {

    /** A simulated run. */
    public Run(RunMetadata metadata, RunSummary summary) {
        this(metadata, summary, null);
    }
}
