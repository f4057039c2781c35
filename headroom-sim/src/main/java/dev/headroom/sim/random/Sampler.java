package dev.headroom.sim.random;

import dev.headroom.model.random.RandomStream;
import dev.headroom.model.workload.Distribution;

/** Draws durations in nanoseconds from a {@link Distribution}. */
@FunctionalInterface
public interface Sampler {
    long sampleNanos(RandomStream random);

    static Sampler of(Distribution d) {
        if (d instanceof Distribution.Fixed f) {
            long v = f.nanos();
            return r -> v;
        }
        if (d instanceof Distribution.Exponential e) {
            double mean = e.meanNanos();
            return r -> (long) r.exponential(mean);
        }
        if (d instanceof Distribution.LogNormal ln) {
            double mu = ln.mu();
            double sigma = ln.sigma();
            return r -> (long) Math.exp(mu + sigma * r.gaussian());
        }
        if (d instanceof Distribution.Empirical emp) {
            long[] values = emp.nanos().stream().mapToLong(Long::longValue).toArray();
            return r -> values[r.nextInt(values.length)];
        }
        throw new IllegalArgumentException("unknown distribution " + d);
    }
}
