package dev.headroom.bench;

import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A rich model's speed against the simple reference model's, measured side by side in one JVM:
 * alternating runs of the spec given (by default the {@code ad-farm} story: three balancers, a
 * cache, a primary with two replicas, credits and volumes) and of the reference three-tier model
 * for ten simulated minutes, with the median of each and their ratio. The cloud issue's target:
 * the rich model keeps at least half of the simple model's requests per wall second.
 *
 * <pre>
 * java -cp headroom-bench/target/headroom-bench.jar dev.headroom.bench.RichModel examples/stories/ad-farm.yaml 5
 * </pre>
 */
public final class RichModel {
    private RichModel() {}

    public static void main(String[] args) throws SpecException {
        Path file = Path.of(args.length > 0 ? args[0] : "examples/stories/ad-farm.yaml");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Spec rich = SpecLoader.load(file, List.of());
        Spec simple = ReferenceModel.lasting(600);
        double[] richRates = new double[rounds];
        double[] simpleRates = new double[rounds];
        for (int i = -1; i < rounds; i++) {
            double r = rate(rich);
            double s = rate(simple);
            if (i >= 0) {
                richRates[i] = r;
                simpleRates[i] = s;
                System.out.printf(
                        Locale.US,
                        "round %d: %s %,.0f requests/s, reference %,.0f requests/s%n",
                        i + 1,
                        file.getFileName(),
                        r,
                        s);
            }
        }
        double richMedian = median(richRates);
        double simpleMedian = median(simpleRates);
        System.out.printf(
                Locale.US,
                "median: %s %,.0f requests per wall second, reference %,.0f: ratio %.2f (target at least 0.50)%n",
                file.getFileName(),
                richMedian,
                simpleMedian,
                richMedian / simpleMedian);
    }

    private static double rate(Spec spec) {
        long start = System.nanoTime();
        SimResult r = Simulation.run(spec, SimOptions.seeded(spec.seed().orElse(Spec.DEFAULT_SEED)));
        return r.summary().requests() / ((System.nanoTime() - start) / 1e9);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
