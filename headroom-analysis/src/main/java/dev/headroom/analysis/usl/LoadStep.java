package dev.headroom.analysis.usl;

/**
 * One level of load in a step or ramp run, after its transient: the offered rate, the successful
 * responses, throughput {@code X = completed / seconds}, the mean response time {@code R}
 * (weighted by responses) and the concurrency from Little's law, {@code N = X R}.
 */
public record LoadStep(
        double startSeconds,
        double endSeconds,
        double offeredPerSecond,
        long completed,
        double throughputPerSecond,
        double meanResponseMillis,
        double concurrency) {

    public double seconds() {
        return endSeconds - startSeconds;
    }
}
