package dev.headroom.load.scenario;

import dev.headroom.model.profile.Profile;
import dev.headroom.model.workload.Arrivals;

/**
 * How requests arrive. The open model is the default and the honest one for web traffic: requests
 * are due at times drawn from the profile whatever the target does, and latency counts from the
 * due time. The closed model (virtual users who wait for each response, then think) is there for
 * systems whose clients really behave so; it cannot show a queue building up in front of the target.
 */
public sealed interface LoadModel {

    /** The run's length in seconds. */
    double durationSeconds();

    /** Requests due at times drawn from {@code profile} (Poisson by default). */
    record Open(Profile profile, Arrivals arrivals) implements LoadModel {
        @Override
        public double durationSeconds() {
            return profile.durationSeconds();
        }
    }

    /**
     * {@code users} virtual users, each sending a request, waiting for its response, then thinking
     * for a time drawn exponentially (or fixed) with mean {@code thinkTimeNanos}.
     */
    record Closed(int users, long thinkTimeNanos, boolean exponentialThink, double durationSeconds)
            implements LoadModel {}
}
