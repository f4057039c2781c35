package dev.headroom.model.catalog;

import java.util.Optional;

/**
 * A managed load balancer (ALB, NLB, classic ELB): an hourly price, plus capacity units (LCUs)
 * or a price per GB processed. Sources are in {@code balancers.yaml}.
 */
public record ManagedBalancer(
        String name, String description, double pricePerHour, Optional<CapacityUnit> unit, double pricePerGb) {

    /**
     * One capacity unit: it holds {@code newConnectionsPerSecond}, {@code activeConnections} or
     * {@code gbPerHour} processed, and an hour is billed on the dimension that needs the most units.
     */
    public record CapacityUnit(
            double pricePerHour, double newConnectionsPerSecond, double activeConnections, double gbPerHour) {

        /** Units needed for a traffic: the highest of the dimensions (ELB pricing, "LCU details"). */
        public double units(double newConnectionsPerSecond, double activeConnections, double gbPerHour) {
            return Math.max(
                    newConnectionsPerSecond / this.newConnectionsPerSecond,
                    Math.max(activeConnections / this.activeConnections, gbPerHour / this.gbPerHour));
        }
    }
}
