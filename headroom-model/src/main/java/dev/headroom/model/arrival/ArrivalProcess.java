package dev.headroom.model.arrival;

import dev.headroom.model.profile.Profile;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.workload.Arrivals;

/**
 * Arrival times drawn from a profile's rate. Poisson arrivals use thinning (Lewis and Shedler
 * 1979): candidates from a homogeneous process at an upper bound of the rate over a short block,
 * each kept with probability rate(t)/bound. Blocks are at most {@link #BLOCK_SECONDS} long and
 * never cross a phase boundary, so the bound stays tight and few candidates are wasted. Uniform
 * arrivals step by {@code 1/rate} at the midpoint of each gap (deterministic time rescaling).
 */
public final class ArrivalProcess {
    static final double BLOCK_SECONDS = 1.0;

    private final Profile profile;
    private final boolean poisson;
    private final RandomStream random;
    private final double endSeconds;

    private double blockEnd = -1;
    private double blockBound;
    private double t;

    public ArrivalProcess(Profile profile, Arrivals arrivals, RandomStream random, double endSeconds) {
        this.profile = profile;
        this.poisson = arrivals == Arrivals.POISSON;
        this.random = random;
        this.endSeconds = Math.min(endSeconds, profile.durationSeconds());
    }

    /** The next arrival time in nanoseconds, or {@link Long#MAX_VALUE} when the profile is over. */
    public long next() {
        double next = poisson ? nextPoisson() : nextUniform();
        if (next >= endSeconds) {
            t = endSeconds;
            return Long.MAX_VALUE;
        }
        t = next;
        return (long) (next * 1e9);
    }

    private double nextPoisson() {
        double x = t;
        while (x < endSeconds) {
            if (x >= blockEnd) {
                blockEnd = Math.min(Math.min(x + BLOCK_SECONDS, profile.phaseEndAfter(x)), endSeconds);
                if (blockEnd <= x) {
                    blockEnd = Math.nextUp(x);
                }
                blockBound = profile.maxRate(x, blockEnd);
            }
            if (blockBound <= 0) {
                x = blockEnd;
                continue;
            }
            double candidate = x + random.exponential(1.0 / blockBound);
            if (candidate >= blockEnd) {
                // Memoryless: restart from the block's end with the next block's bound.
                x = blockEnd;
                continue;
            }
            x = candidate;
            if (random.nextDouble() * blockBound <= profile.rateAt(x)) {
                return x;
            }
        }
        return endSeconds;
    }

    private double nextUniform() {
        double x = t;
        while (x < endSeconds) {
            double r = profile.rateAt(x);
            if (r <= 0) {
                // Skip ahead through a silent stretch in small steps.
                x += 0.001;
                continue;
            }
            double gap = 1.0 / r;
            double mid = profile.rateAt(Math.min(x + gap / 2, Math.nextDown(endSeconds)));
            if (mid > 0) {
                gap = 1.0 / mid;
            }
            return x + gap;
        }
        return endSeconds;
    }
}
