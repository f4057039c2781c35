package dev.headroom.sim;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.spec.Spec;
import java.util.OptionalDouble;

/**
 * What a simulation will cost, known before it runs: the requests it simulates (the integral of
 * the profile's rate, scale included, over the simulated time) and the memory it needs at most.
 * Memory grows with the requests in flight, and a request stays in flight at most until its
 * client gives up, so at most the peak rate times the client timeout are ever held at once.
 *
 * @param requests expected requests (arrivals; retries come on top)
 * @param inFlight the most requests held in memory at once
 * @param bytes the memory the run needs at most
 */
public record SimEstimate(double requests, double inFlight, double bytes) {
    /**
     * Simulated requests per second of CPU on one core for a spec of a few tiers (BENCHMARKS.md,
     * SimulationThroughput); a rich spec runs slower.
     */
    public static final double REQUESTS_PER_CPU_SECOND = 3_000_000;
    /**
     * A request object, its deadline in the ring and its queue entries; 2,000,000 requests in
     * flight ran in a 512 MB heap and not in 256 MB, arrays doubling included.
     */
    static final double BYTES_PER_IN_FLIGHT = 256;
    /** A class's latency histograms and timeline series: 1,000 classes took 300 MB more than 100. */
    static final double BYTES_PER_CLASS = 300_000;
    /** An instance's stations and counters: 100,000 instances ran in 140 MB. */
    static final double BYTES_PER_INSTANCE = 2_000;
    /** The engine, the catalog and the analysis before any request. */
    static final double BASE_BYTES = 64.0 * 1024 * 1024;
    /** Rate evaluations per phase for the estimate: fast even over 400 days, within 0.1% on smooth curves. */
    private static final int ESTIMATE_STEPS = 200_000;

    public static SimEstimate of(Spec spec, OptionalDouble durationSeconds) {
        Profile profile = spec.workload().profile();
        double seconds = durationSeconds.orElse(profile.durationSeconds());
        double requests = profile.approximateArrivals(0, seconds, ESTIMATE_STEPS);
        Architecture a = spec.architecture();
        double held = Math.min(a.client().timeoutNanos() / 1e9, seconds);
        double inFlight = Math.min(requests, profile.peakRate() * held);
        int instances = a.pool().autoscaling().map(s -> s.max()).orElse(a.pool().instances());
        double bytes = BASE_BYTES
                + inFlight * BYTES_PER_IN_FLIGHT
                + spec.workload().classes().size() * BYTES_PER_CLASS
                + instances * BYTES_PER_INSTANCE;
        return new SimEstimate(requests, inFlight, bytes);
    }

    /** Seconds of CPU the run needs, at the simulator's throughput. */
    public double cpuSeconds() {
        return requests / REQUESTS_PER_CPU_SECOND;
    }
}
