package dev.headroom.model.goal;

import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.RunSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * What the system must achieve: latency percentiles under given bounds and an error rate under a
 * given fraction. {@code latencyMillis} maps {@code p50}, {@code p90}, {@code p99}, {@code p999} or
 * {@code max} to a bound in milliseconds.
 */
public record Goals(Map<String, Double> latencyMillis, OptionalDouble maxErrorRate) {
    public static final List<String> PERCENTILES = List.of("p50", "p90", "p99", "p999", "max");
    public static final Goals NONE = new Goals(Map.of(), OptionalDouble.empty());

    public Goals {
        latencyMillis = new LinkedHashMap<>(latencyMillis);
    }

    public boolean isEmpty() {
        return latencyMillis.isEmpty() && maxErrorRate.isEmpty();
    }

    /** One goal judged on a whole run. */
    public record Verdict(String goal, double bound, double actual, boolean met) {}

    /** Each goal judged on the run's overall figures. */
    public List<Verdict> judge(RunSummary s) {
        List<Verdict> out = new ArrayList<>();
        LatencySummary l = s.latencyMillis();
        latencyMillis.forEach((p, bound) -> {
            double actual =
                    switch (p) {
                        case "p50" -> l.p50();
                        case "p90" -> l.p90();
                        case "p99" -> l.p99();
                        case "p999" -> l.p999();
                        default -> l.max();
                    };
            // A run with no successful response has met no latency goal.
            out.add(new Verdict(p, bound, actual, l.count() > 0 && actual <= bound));
        });
        maxErrorRate.ifPresent(bound -> {
            double rate = s.requests() == 0 ? 0 : (double) s.errorCount() / s.requests();
            out.add(new Verdict("errors", bound, rate, rate <= bound));
        });
        return out;
    }
}
