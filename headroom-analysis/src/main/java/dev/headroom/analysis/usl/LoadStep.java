package dev.headroom.analysis.usl;

/**
 * One level of load in a step or ramp run, after its transient: the offered rate, the successful
 * responses, throughput {@code X = completed / seconds}, the mean response time {@code R}
 * (weighted by responses) and the concurrency from Little's law, {@code N = X R}. The offered rate
 * is the profile's (arrivals); {@code offeredRequestsPerSecond} is the request rate it asks for,
 * higher when the arrivals are journeys of several requests: throughput is compared with that.
 */
public record LoadStep(
        double startSeconds,
        double endSeconds,
        double offeredPerSecond,
        long completed,
        double throughputPerSecond,
        double meanResponseMillis,
        double concurrency,
        double offeredRequestsPerSecond) {

    /** A level whose arrivals are single requests: the request rate offered is the offered rate. */
    public LoadStep(
            double startSeconds,
            double endSeconds,
            double offeredPerSecond,
            long completed,
            double throughputPerSecond,
            double meanResponseMillis,
            double concurrency) {
        this(
                startSeconds,
                endSeconds,
                offeredPerSecond,
                completed,
                throughputPerSecond,
                meanResponseMillis,
                concurrency,
                offeredPerSecond);
    }

    public double seconds() {
        return endSeconds - startSeconds;
    }
}
