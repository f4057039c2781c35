package dev.headroom.model.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One interval of a run: the offered rate (from the profile), arrivals, successful completions,
 * errors by kind, latency of the requests that completed in it, and each component's sample.
 *
 * <p>A measured run adds what only a real client sees: the service time (from the actual send,
 * where {@code latencyMillis} counts from the due time), the delay from due time to send in two
 * parts, the generator's own lag ({@code lagMillis}) and the backpressure wait for a free
 * connection or in-flight slot ({@code waitMillis}, absent in older files), and the target's own
 * metrics scraped in the interval. A simulation leaves them null and they are not written.
 *
 * <p>On a run with user journeys the profile's rate counts arrivals (journeys and single requests
 * started), while {@code completed} counts requests: {@code offeredRequestsPerSecond} is then the
 * request rate the arrivals ask for (each journey counted at its request steps), which throughput
 * is compared with. It is absent when every arrival is one request.
 */
public record TimelineRecord(
        double t,
        double offeredPerSecond,
        long arrivals,
        long completed,
        long retries,
        Map<String, Long> errors,
        LatencySummary latencyMillis,
        Map<String, ComponentSample> components,
        @JsonInclude(JsonInclude.Include.NON_NULL) LatencySummary serviceMillis,
        @JsonInclude(JsonInclude.Include.NON_NULL) LatencySummary lagMillis,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> metrics,
        @JsonInclude(JsonInclude.Include.NON_NULL) LatencySummary waitMillis,
        @JsonInclude(JsonInclude.Include.NON_NULL) Double offeredRequestsPerSecond) {

    /** A measured interval of a run whose arrivals are single requests. */
    public TimelineRecord(
            double t,
            double offeredPerSecond,
            long arrivals,
            long completed,
            long retries,
            Map<String, Long> errors,
            LatencySummary latencyMillis,
            Map<String, ComponentSample> components,
            LatencySummary serviceMillis,
            LatencySummary lagMillis,
            Map<String, Double> metrics,
            LatencySummary waitMillis) {
        this(
                t,
                offeredPerSecond,
                arrivals,
                completed,
                retries,
                errors,
                latencyMillis,
                components,
                serviceMillis,
                lagMillis,
                metrics,
                waitMillis,
                null);
    }

    /** The request rate offered: what throughput (in requests) is compared with. */
    public double offeredRequests() {
        return offeredRequestsPerSecond == null ? offeredPerSecond : offeredRequestsPerSecond;
    }

    /** A measured interval without the backpressure wait (as written before it was measured apart). */
    public TimelineRecord(
            double t,
            double offeredPerSecond,
            long arrivals,
            long completed,
            long retries,
            Map<String, Long> errors,
            LatencySummary latencyMillis,
            Map<String, ComponentSample> components,
            LatencySummary serviceMillis,
            LatencySummary lagMillis,
            Map<String, Double> metrics) {
        this(
                t,
                offeredPerSecond,
                arrivals,
                completed,
                retries,
                errors,
                latencyMillis,
                components,
                serviceMillis,
                lagMillis,
                metrics,
                null);
    }

    /** A simulated interval: no service time, lag or scraped metrics. */
    public TimelineRecord(
            double t,
            double offeredPerSecond,
            long arrivals,
            long completed,
            long retries,
            Map<String, Long> errors,
            LatencySummary latencyMillis,
            Map<String, ComponentSample> components) {
        this(
                t,
                offeredPerSecond,
                arrivals,
                completed,
                retries,
                errors,
                latencyMillis,
                components,
                null,
                null,
                null,
                null);
    }
}
