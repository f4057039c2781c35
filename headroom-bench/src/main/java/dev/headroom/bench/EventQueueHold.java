package dev.headroom.bench;

import dev.headroom.model.random.RandomStream;
import dev.headroom.sim.engine.EventQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The classic hold model for priority queues (Jones 1986, "An empirical comparison of
 * priority-queue and event-set implementations", CACM 29(4)): {@code pending} events wait; each
 * operation pops the earliest and schedules it again at its time plus a random increment, so the
 * queue stays at the same size. One operation is one simulated event, so ops/s reads as events/s.
 * The increments are exponential (mean 1 ms) and drawn once into an array, so the random number
 * generator's cost is not measured.
 *
 * <p>Run with:
 *
 * <pre>
 * java -jar headroom-bench/target/headroom-bench.jar EventQueueHold -f 3 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EventQueueHold {
    private static final int INCREMENTS = 1 << 16;
    private static final double MEAN_INCREMENT_NANOS = 1_000_000;

    @Param({"1000", "10000", "100000"})
    public int pending;

    private EventQueue queue;
    private final long[] increments = new long[INCREMENTS];
    private int next;

    @Setup
    public void fill() {
        RandomStream random = RandomStream.of(42, "hold");
        for (int i = 0; i < INCREMENTS; i++) {
            increments[i] = 1 + (long) random.exponential(MEAN_INCREMENT_NANOS);
        }
        queue = new EventQueue(pending);
        for (int i = 0; i < pending; i++) {
            queue.schedule(increments[i & (INCREMENTS - 1)], i & 7, i);
        }
        next = pending;
    }

    @Benchmark
    public long hold() {
        EventQueue q = queue;
        q.poll();
        long t = q.polledTime();
        q.schedule(t + increments[next++ & (INCREMENTS - 1)], q.polledKind(), q.polledArg());
        return t;
    }
}
