package dev.headroom.report.html;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.headroom.analysis.Findings;
import dev.headroom.analysis.RunData;
import dev.headroom.model.goal.Goals;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.RunMetadata;
import dev.headroom.model.run.RunSummary;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything report.html shows, as the JSON block the page reads ({@code headroom-report-data/1}).
 * {@code source} names where the run was read from (its directory, or its id for a run in memory).
 * {@code metadata} and {@code summary} are null for a run cut short before it wrote run.json;
 * {@code partial} says whether the run is incomplete and why. {@code goals} maps a latency
 * percentile to its bound in milliseconds and {@code errors} to the highest error fraction.
 * {@code findings} is the analysis as it writes findings.json; {@code spec} the spec text as run
 * (null when the run directory has none).
 */
public record ReportData(
        String format,
        String source,
        RunMetadata metadata,
        RunSummary summary,
        @JsonInclude(JsonInclude.Include.NON_NULL) Measurement measurement,
        Partial partial,
        Map<String, Double> goals,
        List<RunEvent> events,
        TimelineColumns timeline,
        Findings findings,
        String spec,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode usl,
        @JsonInclude(JsonInclude.Include.NON_NULL) JsonNode calibration) {
    public static final String FORMAT = "headroom-report-data/1";

    public ReportData {
        events = List.copyOf(events);
        goals = new TreeMap<>(goals);
    }

    /** A run as analysis read it, with its findings and the spec text it ran. */
    public static ReportData of(RunData data, Findings findings, String spec) {
        Run run = data.run();
        return new ReportData(
                FORMAT,
                data.source(),
                run == null ? null : run.metadata(),
                run == null ? null : run.summary(),
                run == null ? null : run.measurement(),
                data.partial() ? Partial.because(data.partialReason()) : Partial.COMPLETE,
                goals(data.goals()),
                data.events(),
                TimelineColumns.of(data.timeline()),
                findings,
                spec,
                null,
                null);
    }

    /**
     * The same, with what {@code headroom fit} ({@code usl.json}) and {@code headroom calibrate}
     * ({@code calibration.json}) wrote beside the run, when they did (null otherwise).
     */
    public ReportData withFitAndCalibration(JsonNode usl, JsonNode calibration) {
        return new ReportData(
                format,
                source,
                metadata,
                summary,
                measurement,
                partial,
                goals,
                events,
                timeline,
                findings,
                spec,
                usl,
                calibration);
    }

    /** Whether a run is incomplete, and why (null when it is complete). */
    public record Partial(boolean partial, String reason) {
        public static final Partial COMPLETE = new Partial(false, null);

        public static Partial because(String reason) {
            return new Partial(true, reason);
        }
    }

    /** Goals as the page reads them: {@code p99 -> 250.0} (ms), {@code errors -> 0.001} (fraction). */
    public static Map<String, Double> goals(Goals goals) {
        Map<String, Double> out = new TreeMap<>(goals == null ? Map.of() : goals.latencyMillis());
        if (goals != null) {
            goals.maxErrorRate().ifPresent(rate -> out.put("errors", rate));
        }
        return out;
    }
}
