package dev.headroom.bench;

import dev.headroom.model.spec.Spec;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.Simulation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The reference three-tier model ({@code reference-three-tier.yaml}, 10,000 requests/s) for 60
 * simulated seconds per operation, on one thread: the short JMH counterpart of {@link EndToEnd}.
 * The {@code requests} counter is simulated requests per wall second (target: 1,000,000).
 *
 * <p>Run with:
 *
 * <pre>
 * java -jar headroom-bench/target/headroom-bench.jar SimulationThroughput -f 3 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 *
 * <p>With {@code -p simulatedSeconds=60,120} the difference of {@code gc.alloc.rate.norm} between
 * the two, divided by the difference in requests, is the allocation per simulated request once
 * the run is going (the rest is set-up and the result).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SimulationThroughput {
    /** Simulated seconds per operation; two values give the allocation per request in steady state. */
    @Param({"60"})
    public int simulatedSeconds;

    private Spec spec;
    private SimOptions options;

    /** Simulated requests, reported by JMH per second of wall time. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Requests {
        public long requests;

        @Setup(Level.Iteration)
        public void clear() {
            requests = 0;
        }
    }

    @Setup
    public void load() {
        spec = ReferenceModel.lasting(simulatedSeconds);
        options = SimOptions.seeded(ReferenceModel.seed(spec));
    }

    @Benchmark
    public long simulate(Requests counter) {
        long n = Simulation.run(spec, options).summary().requests();
        counter.requests += n;
        return n;
    }
}
