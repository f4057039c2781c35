package dev.headroom.model.cost;

import java.util.OptionalDouble;

/**
 * What a run used, which the bill's event cost follows: it lasted {@code seconds}; its pool's
 * instances were billed for {@code poolInstanceSeconds} when they came and went (else the pool's
 * count for the whole run); its burstable nodes spent surplus credits in unlimited mode; its
 * balancers saw {@code traffic}; it served {@code successes} requests.
 */
public record Usage(
        double seconds, OptionalDouble poolInstanceSeconds, SurplusCredits surplus, Traffic traffic, long successes) {

    /** A run of {@code seconds} with a fixed pool, no surplus credits and no traffic to bill. */
    public static Usage of(double seconds) {
        return new Usage(seconds, OptionalDouble.empty(), SurplusCredits.NONE, Traffic.NONE, 0);
    }

    /** Surplus CPU credits spent in unlimited mode, by the service that bills them. */
    public record SurplusCredits(double pool, double db) {
        public static final SurplusCredits NONE = new SurplusCredits(0, 0);

        public double total() {
            return pool + db;
        }
    }

    /** What the balancers carried: requests, and client connections open at once on average. */
    public record Traffic(long requests, double meanActiveConnections) {
        public static final Traffic NONE = new Traffic(0, 0);
    }
}
