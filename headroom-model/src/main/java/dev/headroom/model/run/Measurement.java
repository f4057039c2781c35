package dev.headroom.model.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a measured run adds to its summary. {@code status} is {@code running} while the run goes
 * (so a run killed half-way says so), then {@code completed}, {@code stopped by guard} or
 * {@code interrupted}. Every request carried the header {@code tagHeader: runTag}. Latency in the
 * summary counts from each request's due time; {@code serviceMillis} counts from the actual send
 * and the delay from due time to send has two parts: {@code lagMillis}, the generator's own lag
 * (its loop behind its schedule), and {@code waitMillis}, the backpressure wait of arrivals held
 * while every connection or in-flight slot was busy (the target's slowness; absent in files written
 * before it was measured apart, whose {@code lagMillis} holds both). {@code verdicts} lists
 * the guards and thresholds and how each came out. {@code cleanup} is the synthetic-data cleanup and
 * its proof, present only when the scenario has a {@code cleanup} section. {@code journeys} has one
 * entry per user journey of the scenario, by name (absent when it has none, and in older files).
 * {@code notSent} counts the arrivals and journey steps that were due but still unsent when
 * arrivals stopped early (a guard, Ctrl-C): the stop cut them off, so they are neither completed
 * nor errors, and the summary's requests are its completed, its errors and these (absent when 0).
 * {@code warmup} is the generator's own warm-up before the measured window (absent when it was
 * turned off, and in older files).
 */
public record Measurement(
        String status,
        String startedAt,
        double elapsedSeconds,
        List<String> targets,
        String tagHeader,
        String runTag,
        String model,
        String transport,
        int eventLoops,
        LatencySummary serviceMillis,
        LatencySummary lagMillis,
        List<Verdict> verdicts,
        @JsonInclude(JsonInclude.Include.NON_NULL) CleanupResult cleanup,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, JourneySummary> journeys,
        @JsonInclude(JsonInclude.Include.NON_NULL) LatencySummary waitMillis,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) long notSent,
        @JsonInclude(JsonInclude.Include.NON_NULL) WarmupSummary warmup) {

    public Measurement {
        targets = List.copyOf(targets);
        verdicts = List.copyOf(verdicts);
        journeys = journeys == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(journeys));
    }

    /** A measurement of a run that nothing cut off, without a warm-up recorded. */
    public Measurement(
            String status,
            String startedAt,
            double elapsedSeconds,
            List<String> targets,
            String tagHeader,
            String runTag,
            String model,
            String transport,
            int eventLoops,
            LatencySummary serviceMillis,
            LatencySummary lagMillis,
            List<Verdict> verdicts,
            CleanupResult cleanup,
            Map<String, JourneySummary> journeys,
            LatencySummary waitMillis) {
        this(
                status,
                startedAt,
                elapsedSeconds,
                targets,
                tagHeader,
                runTag,
                model,
                transport,
                eventLoops,
                serviceMillis,
                lagMillis,
                verdicts,
                cleanup,
                journeys,
                waitMillis,
                0,
                null);
    }

    /** A measurement without the backpressure wait measured apart. */
    public Measurement(
            String status,
            String startedAt,
            double elapsedSeconds,
            List<String> targets,
            String tagHeader,
            String runTag,
            String model,
            String transport,
            int eventLoops,
            LatencySummary serviceMillis,
            LatencySummary lagMillis,
            List<Verdict> verdicts,
            CleanupResult cleanup,
            Map<String, JourneySummary> journeys) {
        this(
                status,
                startedAt,
                elapsedSeconds,
                targets,
                tagHeader,
                runTag,
                model,
                transport,
                eventLoops,
                serviceMillis,
                lagMillis,
                verdicts,
                cleanup,
                journeys,
                null);
    }

    /** A measurement of a scenario without journeys. */
    public Measurement(
            String status,
            String startedAt,
            double elapsedSeconds,
            List<String> targets,
            String tagHeader,
            String runTag,
            String model,
            String transport,
            int eventLoops,
            LatencySummary serviceMillis,
            LatencySummary lagMillis,
            List<Verdict> verdicts,
            CleanupResult cleanup) {
        this(
                status,
                startedAt,
                elapsedSeconds,
                targets,
                tagHeader,
                runTag,
                model,
                transport,
                eventLoops,
                serviceMillis,
                lagMillis,
                verdicts,
                cleanup,
                Map.of(),
                null);
    }

    /** The same measurement with its cleanup recorded (or replaced). */
    public Measurement withCleanup(CleanupResult result) {
        return new Measurement(
                status,
                startedAt,
                elapsedSeconds,
                targets,
                tagHeader,
                runTag,
                model,
                transport,
                eventLoops,
                serviceMillis,
                lagMillis,
                verdicts,
                result,
                journeys,
                waitMillis,
                notSent,
                warmup);
    }

    /**
     * One guard or threshold: its rule as written, whether it held, and the observed value.
     * {@code atSeconds} is when a guard tripped (run time), or the run's length for a threshold.
     */
    /** Whether the generator's own lag broke its limit: then the figures are not the target's. */
    public boolean invalid() {
        return verdicts.stream().anyMatch(v -> v.kind().equals(Verdict.LAG_LIMIT) && !v.passed());
    }

    public record Verdict(String kind, String rule, boolean passed, double observed, String unit, double atSeconds) {
        /** The kind of the verdict on the generator's own lag. */
        public static final String LAG_LIMIT = "lag-limit";
    }
}
