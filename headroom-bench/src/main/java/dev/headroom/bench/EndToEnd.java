package dev.headroom.bench;

import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.spec.Spec;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The end-to-end benchmark: the reference three-tier model ({@code reference-three-tier.yaml}) at
 * a constant 10,000 requests/s for a number of simulated hours (1 by default), on one thread.
 * Prints the simulated requests, the wall time, simulated requests per wall second, and the heap:
 * the sum of the heap pools' peak usages (an upper bound on the peak heap used, since the pools
 * need not peak together) and the heap still in use after a full GC at the end. Run it under a
 * heap limit; finishing is the proof that the run fits. The last line is a digest of the results,
 * which must not change when the simulator is optimised:
 *
 * <pre>
 * java -Xmx256m -cp headroom-bench/target/headroom-bench.jar dev.headroom.bench.EndToEnd 1
 * java -Xmx256m -cp headroom-bench/target/headroom-bench.jar dev.headroom.bench.EndToEnd 24
 * </pre>
 *
 * <p>Targets: at least 1,000,000 simulated requests per wall second, and the same heap under
 * 256 MB for 1 and 24 hours. It is a plain main rather than a JMH benchmark because one long run
 * is the thing measured; {@link SimulationThroughput} is its short JMH counterpart.
 */
public final class EndToEnd {
    private static final double TARGET_REQUESTS_PER_SECOND = 1_000_000;

    private EndToEnd() {}

    public static void main(String[] args) {
        double hours = args.length > 0 ? Double.parseDouble(args[0]) : 1;
        Spec spec = ReferenceModel.lasting(hours * 3600);
        long seed = ReferenceModel.seed(spec);
        System.out.printf(
                Locale.US,
                "reference-three-tier: %.0f requests/s for %s h simulated, seed %d, max heap %d MB, gc %s%n",
                ReferenceModel.RATE_PER_SECOND,
                args.length > 0 ? args[0] : "1",
                seed,
                Runtime.getRuntime().maxMemory() >> 20,
                collectors());

        long start = System.nanoTime();
        SimResult result = Simulation.run(spec, SimOptions.seeded(seed));
        double wallSeconds = (System.nanoTime() - start) / 1e9;

        RunSummary s = result.summary();
        double perWallSecond = s.requests() / wallSeconds;
        System.out.printf(
                Locale.US,
                "simulated requests     %,d (completed %,d, errors %,d)%n",
                s.requests(),
                s.completed(),
                s.errorCount());
        System.out.printf(Locale.US, "wall seconds           %.2f%n", wallSeconds);
        System.out.printf(
                Locale.US,
                "requests per wall s    %,.0f (%.2fx the target of %,.0f)%n",
                perWallSecond,
                perWallSecond / TARGET_REQUESTS_PER_SECOND,
                TARGET_REQUESTS_PER_SECOND);
        System.out.printf(
                Locale.US,
                "latency ms             p50 %.3f  p99 %.3f  max %.3f%n",
                s.latencyMillis().p50(),
                s.latencyMillis().p99(),
                s.latencyMillis().max());
        for (Map.Entry<String, ComponentSummary> e : s.components().entrySet()) {
            System.out.printf(
                    Locale.US,
                    "utilization %-15s %.3f%n",
                    e.getKey(),
                    e.getValue().utilization());
        }
        System.out.printf(
                Locale.US, "peak heap used         %.1f MB (sum of heap pools' peaks)%n", peakHeapBytes() / 1048576.0);
        System.gc();
        System.out.printf(
                Locale.US,
                "heap used after gc     %.1f MB%n",
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0);
        // Printed last, so the result stays reachable through the heap measurement above.
        System.out.printf(Locale.US, "result digest          %08x%n", digest(result));
    }

    /**
     * A hash of everything the run reports (summary, Little's law figures, latency histogram): an
     * optimisation must leave it unchanged for the same seed.
     */
    private static int digest(SimResult result) {
        return Objects.hash(result.summary(), result.littlesLaw(), result.latencyMicros());
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static String collectors() {
        StringBuilder names = new StringBuilder();
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            names.append(names.length() == 0 ? "" : ", ").append(gc.getName());
        }
        return names.toString();
    }
}
