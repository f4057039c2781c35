package dev.headroom.model.run;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One user journey of a measured run. {@code started} journeys end {@code completed} (every step
 * passed, or went on past a failure with {@code onFailure: continue}), {@code abandoned} at a
 * failed step (each step's {@code abandoned} is the funnel; {@code abandonedBy} says why:
 * {@code journey-check}, {@code journey-extract} or a transport error kind) or {@code unfinished}
 * (cut off by the end of the run or a stop). {@code durationMillis} is of completed journeys,
 * from the first step's due time to the last step's response.
 */
public record JourneySummary(
        long started,
        long completed,
        long abandoned,
        long unfinished,
        Map<String, Long> abandonedBy,
        LatencySummary durationMillis,
        List<Step> steps) {

    public JourneySummary {
        abandonedBy = Collections.unmodifiableMap(new LinkedHashMap<>(abandonedBy));
        steps = List.copyOf(steps);
    }

    /**
     * One request step: requests sent, successes, the journeys abandoned here, successes per second
     * of the measured window, errors by kind, latency from the due time (the previous step's
     * response plus the pause) and service time from the send, both of successes.
     */
    public record Step(
            String name,
            long requests,
            long completed,
            long abandoned,
            double throughputPerSecond,
            Map<String, Long> errors,
            LatencySummary latencyMillis,
            LatencySummary serviceMillis) {
        public Step {
            errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        }
    }
}
