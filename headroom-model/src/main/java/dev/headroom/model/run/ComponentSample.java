package dev.headroom.model.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One component over one timeline interval: mean utilisation, in use and waiting, the maximum
 * waiting, and the component's own metrics (credit balance, effective capacity, IOPS and their
 * cap, volume credits, queue length...) when it has any.
 */
public record ComponentSample(
        double utilization,
        double inUse,
        double waiting,
        long maxWaiting,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> metrics) {

    public ComponentSample(double utilization, double inUse, double waiting, long maxWaiting) {
        this(utilization, inUse, waiting, maxWaiting, Map.of());
    }

    public ComponentSample withMetrics(Map<String, Double> more) {
        return new ComponentSample(utilization, inUse, waiting, maxWaiting, more);
    }
}
