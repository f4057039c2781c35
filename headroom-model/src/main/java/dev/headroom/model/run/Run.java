package dev.headroom.model.run;

/** A run's record as saved in {@code run.json}: metadata and summary. The timeline is beside it. */
public record Run(RunMetadata metadata, RunSummary summary) {}
