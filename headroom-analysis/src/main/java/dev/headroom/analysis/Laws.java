package dev.headroom.analysis;

import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Applies the utilisation law and Little's law to a run's summary (Denning and Buzen 1978, and
 * Lazowska et al., "Quantitative System Performance", 1984, chapters 3 and 5). Only components
 * with a known capacity and utilisation take part; a run with none (a measurement with no scraped
 * utilisation) has no laws.
 */
final class Laws {
    /** Little's law is said to hold when N and X R agree within this relative error. */
    static final double LITTLE_TOLERANCE = 0.05;

    private Laws() {}

    static OperationalLaws apply(RunSummary s) {
        if (s == null || s.components() == null) {
            return null;
        }
        double x = s.throughputPerSecond();
        List<OperationalLaws.Demand> demands = new ArrayList<>();
        List<OperationalLaws.LittleCheck> little = new ArrayList<>();
        double bound = Double.POSITIVE_INFINITY;
        String boundBy = null;
        for (Map.Entry<String, ComponentSummary> e : new TreeMap<>(s.components()).entrySet()) {
            ComponentSummary c = e.getValue();
            if (c.servers() > 0 && c.utilization() > 0 && x > 0) {
                // Utilisation law U = X D / c, so the demand per request is D = U c / X, and X <= c / D.
                double demandSeconds = c.utilization() * c.servers() / x;
                double componentBound = c.servers() / demandSeconds;
                demands.add(new OperationalLaws.Demand(
                        e.getKey(), c.utilization(), c.servers(), demandSeconds * 1000, componentBound));
                if (componentBound < bound) {
                    bound = componentBound;
                    boundBy = e.getKey();
                }
            }
            double n = c.meanInUse() + c.meanWaiting();
            if (c.departures() > 0 && n > 0) {
                double predicted = c.throughputPerSecond() * c.meanResidenceMillis() / 1000;
                double err = Math.abs(predicted - n) / n;
                little.add(new OperationalLaws.LittleCheck(
                        e.getKey(),
                        c.throughputPerSecond(),
                        c.meanResidenceMillis(),
                        n,
                        predicted,
                        err,
                        LITTLE_TOLERANCE,
                        err <= LITTLE_TOLERANCE));
            }
        }
        if (demands.isEmpty() && little.isEmpty()) {
            return null;
        }
        return new OperationalLaws(x, demands, boundBy == null ? 0 : bound, boundBy == null ? "" : boundBy, little);
    }
}
