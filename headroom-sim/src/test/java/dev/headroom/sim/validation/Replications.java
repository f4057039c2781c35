package dev.headroom.sim.validation;

import dev.headroom.model.spec.Spec;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Independent replications of one spec: the same model run with seeds {@code firstSeed},
 * {@code firstSeed + 1}, ... (each seed derives its own streams, so the runs share no random
 * numbers). Estimates are then one number per replication, and their spread gives an honest
 * confidence interval, which the correlated requests inside one run would not.
 */
final class Replications {
    /** Every interval in this suite is at 99%: with two dozen checks, 95% would fail one by chance too often. */
    static final double LEVEL = 0.99;

    private final List<SimResult> results;

    private Replications(List<SimResult> results) {
        this.results = List.copyOf(results);
    }

    static Replications run(Spec spec, int count, long firstSeed) {
        List<SimResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            results.add(Simulation.run(spec, SimOptions.seeded(firstSeed + i)));
        }
        return new Replications(results);
    }

    ConfidenceInterval interval(ToDoubleFunction<SimResult> estimate) {
        double[] values = results.stream().mapToDouble(estimate).toArray();
        return ConfidenceInterval.of(values, LEVEL);
    }

    List<SimResult> results() {
        return results;
    }
}
