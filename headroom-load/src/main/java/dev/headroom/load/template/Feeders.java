package dev.headroom.load.template;

import dev.headroom.model.random.RandomStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The run's feeders, shared by every event loop: the positions of sequential and unique CSV
 * feeders and of counters are atomic, so no row or number is handed out twice; random values
 * come from each loop's own seeded stream ({@link Draw}).
 */
public final class Feeders {
    private final List<FeederSpec> specs;
    private final AtomicLong[] positions;

    public Feeders(List<FeederSpec> specs) {
        this.specs = List.copyOf(specs);
        this.positions = new AtomicLong[specs.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = new AtomicLong();
        }
    }

    public int size() {
        return specs.size();
    }

    FeederSpec spec(int i) {
        return specs.get(i);
    }

    long take(int i) {
        return positions[i].getAndIncrement();
    }

    /** A drawer for one event loop, with its own random stream. */
    public Draw drawer(RandomStream random) {
        return new Draw(this, random);
    }
}
