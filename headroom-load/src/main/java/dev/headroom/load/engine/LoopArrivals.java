package dev.headroom.load.engine;

import dev.headroom.model.arrival.ArrivalProcess;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.workload.Arrivals;

/**
 * The share of one event loop in the run's arrivals: every loop draws the whole arrival process
 * from the same seed and keeps arrival number {@code i} when {@code i mod loops == loop}. The loops
 * together send exactly the profile's process (Poisson stays Poisson), whatever the number of
 * loops, at the cost of each loop drawing every arrival (tens of nanoseconds each).
 */
final class LoopArrivals {
    private final ArrivalProcess process;
    private final int loops;
    private final int loop;
    private long index;

    LoopArrivals(Profile profile, Arrivals arrivals, long seed, double endSeconds, int loops, int loop) {
        this.process = new ArrivalProcess(profile, arrivals, RandomStream.of(seed, "arrivals"), endSeconds);
        this.loops = loops;
        this.loop = loop;
    }

    /** The next due time of this loop in nanoseconds from the run's start, or {@link Long#MAX_VALUE}. */
    long next() {
        while (true) {
            long t = process.next();
            long i = index++;
            if (t == Long.MAX_VALUE || i % loops == loop) {
                return t;
            }
        }
    }
}
