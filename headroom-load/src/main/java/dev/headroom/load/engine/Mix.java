package dev.headroom.load.engine;

import dev.headroom.load.scenario.RequestSpec;
import dev.headroom.model.random.RandomStream;
import java.util.List;

/** Picks a request of the mix by weight, from one event loop's seeded stream. */
final class Mix {
    private final double[] cumulative;
    private final RandomStream random;

    Mix(List<RequestSpec> requests, RandomStream random) {
        this.random = random;
        this.cumulative = new double[requests.size()];
        double total = 0;
        for (int i = 0; i < cumulative.length; i++) {
            total += requests.get(i).weight();
            cumulative[i] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
    }

    int pick() {
        if (cumulative.length == 1) {
            return 0;
        }
        double u = random.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
