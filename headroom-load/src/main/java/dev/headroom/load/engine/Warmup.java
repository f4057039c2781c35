package dev.headroom.load.engine;

import dev.headroom.load.scenario.LoadModel;
import dev.headroom.load.stats.ErrorKind;
import dev.headroom.load.stats.LoopStats;
import dev.headroom.model.profile.Constant;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.profile.Ramp;
import dev.headroom.model.run.WarmupSummary;
import dev.headroom.model.workload.Arrivals;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.HdrHistogram.Histogram;

/**
 * The generator's own warm-up, before the measured window: the run's request path (its request
 * writers, on its event loops, through {@link LoopWorker} as the run drives it) sent to a {@link
 * WarmupServer} on 127.0.0.1, never to a target, at a rate rising to the run's peak. It ends when
 * three 200 ms windows in a row, after the rise, had a lag p99 under 1 ms with the JIT compiler
 * nearly idle, or when its time is up; its figures are thrown away. Without it a run at 12,000/s
 * on one core spent its first five seconds in the interpreter and the compiler, with up to 1.7 s
 * of lag charged to the target's latency.
 */
final class Warmup {
    private static final long WINDOW_NANOS = 200_000_000L;
    /** The rise from a twentieth of the rate to the whole: low rates (timers) first, then batches. */
    private static final double RISE_SECONDS = 1.0;
    /** The target for every second of a run at a fifth of the maximum rate. */
    private static final double SETTLED_LAG_MICROS = 1_000;
    /** The JIT compiler's work in a window beyond this share of it: it is still at work. */
    private static final double QUIET_COMPILE_SHARE = 0.05;

    private static final int SETTLED_WINDOWS = 3;
    /**
     * The most one loop is asked to send: with its server on the same cores it saturates well
     * below this, and the arrivals still due at the end are dropped one by one.
     */
    static final double MAX_RATE_PER_SECOND = 100_000;
    /** A closed model's users with no think time: warmed at this rate. */
    private static final double CLOSED_RATE_PER_SECOND = 20_000;

    private Warmup() {}

    /**
     * What reads the warm-up loops' figures every 200 ms (the run's own collector, writing to a
     * throwaway directory, so its code is warmed too), giving back the window's lag, valid until
     * the next call.
     */
    interface Windows {
        Histogram lag(long fromNanos, long toNanos) throws IOException;
    }

    /**
     * Runs the warm-up on {@code group}'s loops for at most {@code maxNanos}, its figures read by
     * the {@link Windows} that {@code reader} makes for its workers, and says what it did.
     */
    static WarmupSummary run(
            RunPlan measured, EventLoopGroup group, long maxNanos, Function<List<LoopWorker>, Windows> reader)
            throws InterruptedException, IOException {
        double rate = rateFor(measured.model(), measured.loops());
        double maxSeconds = maxNanos / 1e9;
        Profile profile = Profile.of(
                new Ramp(rate / 20, rate, Math.min(RISE_SECONDS, maxSeconds)),
                new Constant(rate, Math.max(0.001, maxSeconds - RISE_SECONDS)));
        Arrivals arrivals = measured.model() instanceof LoadModel.Open open ? open.arrivals() : Arrivals.POISSON;
        long begin = System.nanoTime();
        try (WarmupServer server = WarmupServer.start(measured.transport())) {
            RunPlan plan = measured.forWarmup(server.address(), new LoadModel.Open(profile, arrivals));
            CountDownLatch done = new CountDownLatch(measured.loops());
            List<LoopWorker> workers = new ArrayList<>();
            int i = 0;
            for (EventExecutor e : group) {
                workers.add(new LoopWorker(plan, (EventLoop) e, i++, done));
            }
            Watch watch = new Watch(reader.apply(workers));
            plan.start(System.nanoTime());
            workers.forEach(LoopWorker::start);
            boolean settled = watch.untilSettled(begin, maxNanos);
            workers.forEach(LoopWorker::stop);
            if (!done.await(2, TimeUnit.SECONDS)) {
                workers.forEach(LoopWorker::abort);
                done.await(1, TimeUnit.SECONDS);
            }
            long requests = server.answered();
            double seconds = (System.nanoTime() - begin) / 1e9;
            return new WarmupSummary(
                    LoadEngine.round(seconds),
                    requests,
                    failures(workers),
                    LoadEngine.round(rate),
                    LoadEngine.round(watch.lastLagP99Micros / 1000.0),
                    settled);
        } finally {
            // The warm-up's garbage is collected now rather than in the first measured second.
            System.gc();
        }
    }

    /**
     * The warm-up's failed requests: none, unless its server and the generator disagree (then the
     * warm-up compiled an error path). Arrivals left unsent at its stop are not failures.
     */
    private static long failures(List<LoopWorker> workers) {
        long n = 0;
        for (LoopWorker w : workers) {
            for (ErrorKind k : ErrorKind.values()) {
                n += k == ErrorKind.UNFINISHED ? 0 : w.stats().errors(k);
            }
            for (int status = 0; status < LoopStats.statuses(); status++) {
                n += w.stats().httpErrors(status);
            }
        }
        return n;
    }

    /** The run's peak rate (a closed model's users over their think time), at most what one loop can send. */
    static double rateFor(LoadModel model, int loops) {
        double rate;
        if (model instanceof LoadModel.Open open) {
            rate = open.profile().peakRate();
        } else {
            LoadModel.Closed c = (LoadModel.Closed) model;
            rate = c.thinkTimeNanos() > 0 ? c.users() * 1e9 / c.thinkTimeNanos() : CLOSED_RATE_PER_SECOND;
        }
        return Math.max(1, Math.min(rate, MAX_RATE_PER_SECOND * loops));
    }

    /**
     * Reads the warm-up loops' lag every 200 ms and the JIT compiler's work, and decides when it
     * settled.
     */
    private static final class Watch {
        private final Windows windows;
        private final VmWork vm = new VmWork();
        private double lastLagP99Micros;

        Watch(Windows windows) {
            this.windows = windows;
        }

        boolean untilSettled(long begin, long maxNanos) throws InterruptedException, IOException {
            long riseEnd = begin + (long) (RISE_SECONDS * 1e9);
            long vmBefore = vm.nanos();
            int quietWindows = 0;
            long from = System.nanoTime();
            long deadline = begin + maxNanos;
            long tick = begin + WINDOW_NANOS;
            while (true) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, tick - System.nanoTime()));
                long now = System.nanoTime();
                Histogram lag = windows.lag(from, now);
                lastLagP99Micros = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99);
                long vmNow = vm.nanos();
                boolean quiet = vmNow - vmBefore <= QUIET_COMPILE_SHARE * (now - from);
                vmBefore = vmNow;
                from = now;
                quietWindows = now >= riseEnd && quiet && lastLagP99Micros < SETTLED_LAG_MICROS ? quietWindows + 1 : 0;
                if (quietWindows >= SETTLED_WINDOWS) {
                    return true;
                }
                // Bounded by the clock, not by a count of windows: a slow window does not stretch it.
                if (System.nanoTime() >= deadline) {
                    return false;
                }
                tick = Math.max(tick + WINDOW_NANOS, System.nanoTime() + WINDOW_NANOS / 2);
            }
        }
    }

    /**
     * The JIT compiler's work so far, in nanoseconds: the process's CPU time less that of its Java
     * threads and the time spent collecting garbage (what is left is mostly the compiler's threads,
     * which are not Java threads), or, where the JVM does not say, the compiler's own time. The CPU
     * time sees a long compilation while it runs; the compiler's time only once it is done, so a
     * 700 ms compilation on a busy core would look like three quiet windows. The GC is left out: at
     * a high rate it collects all along, in the run as in the warm-up.
     */
    private static final class VmWork {
        private final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        private final com.sun.management.OperatingSystemMXBean os =
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean o
                        ? o
                        : null;
        private final boolean cpu =
                os != null && threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();

        long nanos() {
            if (cpu) {
                long java = 0;
                for (long id : threads.getAllThreadIds()) {
                    java += Math.max(0, threads.getThreadCpuTime(id));
                }
                long gc = 0;
                for (GarbageCollectorMXBean g : gcs) {
                    gc += Math.max(0, g.getCollectionTime()) * 1_000_000;
                }
                return Math.max(0, os.getProcessCpuTime() - java - gc);
            }
            return jit != null && jit.isCompilationTimeMonitoringSupported()
                    ? jit.getTotalCompilationTime() * 1_000_000
                    : 0;
        }
    }
}
