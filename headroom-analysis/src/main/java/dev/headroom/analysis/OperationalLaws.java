package dev.headroom.analysis;

import java.util.List;

/**
 * The operational laws applied to a run's measured figures (Denning and Buzen, "The Operational
 * Analysis of Queueing Network Models", 1978). Service demand per component by the utilisation
 * law D = U / X (per server: U is the fraction of the component's servers busy, so the demand on
 * one server is U * servers / X); the throughput bound 1 / D_max from the largest per-server demand
 * (for a component of c servers, c / D); and Little's law N = X R checked on each component.
 */
public record OperationalLaws(
        double systemThroughputPerSecond,
        List<Demand> demands,
        double throughputBoundPerSecond,
        String boundBy,
        List<LittleCheck> little) {
    public OperationalLaws {
        demands = List.copyOf(demands);
        little = List.copyOf(little);
    }

    /**
     * One component's service demand per request of the system: {@code utilization} its mean busy
     * fraction, {@code servers} its capacity, {@code demandMillis} = U * servers / X, and the
     * throughput bound it sets, servers / D.
     */
    public record Demand(
            String component, double utilization, long servers, double demandMillis, double boundPerSecond) {}

    /**
     * Little's law on one component: mean number present measured ({@code measuredN}) against its
     * throughput times its mean residence time ({@code predictedN}); {@code holds} when they agree
     * within {@code tolerance} (relative).
     */
    public record LittleCheck(
            String component,
            double throughputPerSecond,
            double residenceMillis,
            double measuredN,
            double predictedN,
            double relativeError,
            double tolerance,
            boolean holds) {}
}
