package dev.headroom.model.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.headroom.model.goal.Goals;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The goals a run was held to, as written in {@code run.json}: latency bounds in milliseconds by
 * percentile ({@code p50}, {@code p90}, {@code p99}, {@code p999}, {@code max}) and the largest
 * error rate allowed, a fraction of requests (absent when there is no error goal).
 */
public record RunGoals(
        Map<String, Double> latencyMillis, @JsonInclude(JsonInclude.Include.NON_NULL) Double maxErrorRate) {

    public RunGoals {
        latencyMillis = latencyMillis == null ? Map.of() : new TreeMap<>(latencyMillis);
    }

    public static RunGoals of(Goals g) {
        return new RunGoals(
                g.latencyMillis(),
                g.maxErrorRate().isPresent() ? g.maxErrorRate().getAsDouble() : null);
    }

    public Goals toGoals() {
        return new Goals(
                latencyMillis, maxErrorRate == null ? OptionalDouble.empty() : OptionalDouble.of(maxErrorRate));
    }
}
