package dev.headroom.model.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.headroom.model.cost.CostSummary;
import java.util.Map;

/**
 * What a run amounts to. {@code requests} counts arrivals; {@code completed} successful responses;
 * {@code throughputPerSecond} is successful responses within the measured window divided by the
 * window's length; latency is of successful responses (from the first attempt), errors are the
 * requests that failed in the end, by kind, and {@code retries} the attempts clients made again. {@code cost}
 * is null when the run has no prices (a measurement, or a spec with no instance types);
 * {@code availability} is null unless the run injected failures or scaled.
 */
public record RunSummary(
        double durationSeconds,
        long requests,
        long completed,
        double throughputPerSecond,
        long errorCount,
        long retries,
        Map<String, Long> errors,
        LatencySummary latencyMillis,
        Map<String, LatencySummary> classes,
        Map<String, ComponentSummary> components,
        @JsonInclude(JsonInclude.Include.NON_NULL) CostSummary cost,
        @JsonInclude(JsonInclude.Include.NON_NULL) Availability availability) {
    /** A summary without availability figures (a run with neither failures nor autoscaling). */
    public RunSummary(
            double durationSeconds,
            long requests,
            long completed,
            double throughputPerSecond,
            long errorCount,
            long retries,
            Map<String, Long> errors,
            LatencySummary latencyMillis,
            Map<String, LatencySummary> classes,
            Map<String, ComponentSummary> components,
            CostSummary cost) {
        this(
                durationSeconds,
                requests,
                completed,
                throughputPerSecond,
                errorCount,
                retries,
                errors,
                latencyMillis,
                classes,
                components,
                cost,
                null);
    }
}
