package dev.headroom.load.engine;

import dev.headroom.load.scenario.RequestSpec;
import dev.headroom.model.random.RandomStream;
import java.util.List;

/** Picks a request of the mix or a journey (an entry) by weight, from one event loop's seeded stream. */
final class Mix {
    private final double[] cumulative;
    private final RandomStream random;

    Mix(List<RequestSpec> requests, RandomStream random) {
        this(requests.stream().mapToDouble(RequestSpec::weight).toArray(), random);
    }

    Mix(double[] weights, RandomStream random) {
        this.random = random;
        this.cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < cumulative.length; i++) {
            total += weights[i];
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
