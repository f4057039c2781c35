package dev.headroom.model.run;

/**
 * The load generator's own warm-up before the measured window: how long it took, the requests it
 * sent to its in-process server on 127.0.0.1 (never to the target; none is in the run's figures),
 * how many of them failed (none, unless the generator and that server disagree), the rate it rose
 * to, its lag p99 over its last 200 ms, and whether it settled (lag under its threshold with the
 * JIT compiler quiet) or ran out of its time.
 */
public record WarmupSummary(
        double seconds, long requests, long errors, double ratePerSecond, double lagP99Millis, boolean settled) {}
