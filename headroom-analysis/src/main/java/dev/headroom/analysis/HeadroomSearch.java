package dev.headroom.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Finds the largest scale of a profile at which every goal still holds: first brackets it by
 * doubling or halving from 1, then narrows the bracket by evaluating {@value #POINTS} evenly spaced
 * scales inside it at once, until its width is at most {@code precision} of its lower end. The
 * scales tried do not depend on the number of threads, so the answer is the same on any machine;
 * the threads only run them side by side. The answer is the largest scale that held (a
 * conservative figure), assuming that a run which fails at one scale fails at every larger one
 * (true with common random numbers for the queueing effects modelled).
 */
public final class HeadroomSearch {
    /** Scales evaluated per narrowing round. */
    public static final int POINTS = 3;

    public static final double DEFAULT_PRECISION = 0.01;
    public static final double MIN_SCALE = 1.0 / 64;
    public static final double MAX_SCALE = 16;

    /** One run at a scale of the profile: whether every goal held, and which broke first. */
    public record Outcome(boolean met, String broken) {}

    /** Runs the system (a simulation) with its profile scaled by {@code scale}. Must be thread-safe. */
    @FunctionalInterface
    public interface ScaledRun {
        Outcome run(double scale) throws Exception;
    }

    private final ScaledRun fn;
    private final double precision;
    private final int threads;
    private final Map<Double, Outcome> tried = new TreeMap<>();

    public HeadroomSearch(ScaledRun fn, double precision, int threads) {
        if (!(precision > 0 && precision < 1)) {
            throw new IllegalArgumentException("precision must be between 0 and 1, was " + precision);
        }
        this.fn = fn;
        this.precision = precision;
        this.threads = Math.max(1, threads);
    }

    /** Searches with one thread per core, to 1%. */
    public static Headroom search(ScaledRun fn, double peakRatePerSecond) {
        return new HeadroomSearch(fn, DEFAULT_PRECISION, Runtime.getRuntime().availableProcessors())
                .run(peakRatePerSecond);
    }

    public Headroom run(double peakRatePerSecond) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, POINTS));
        try {
            return search(pool, peakRatePerSecond);
        } finally {
            pool.shutdownNow();
        }
    }

    private Headroom search(ExecutorService pool, double peak) {
        double lo;
        double hi;
        if (eval(pool, List.of(1.0)).get(0).met()) {
            lo = 1;
            hi = Double.NaN;
            for (double s = 2; s <= MAX_SCALE && Double.isNaN(hi); s *= 2) {
                if (eval(pool, List.of(s)).get(0).met()) {
                    lo = s;
                } else {
                    hi = s;
                }
            }
            if (Double.isNaN(hi)) {
                return result(lo, peak, false);
            }
        } else {
            hi = 1;
            lo = Double.NaN;
            for (double s = 0.5; s >= MIN_SCALE && Double.isNaN(lo); s /= 2) {
                if (eval(pool, List.of(s)).get(0).met()) {
                    lo = s;
                } else {
                    hi = s;
                }
            }
            if (Double.isNaN(lo)) {
                return result(0, peak, true);
            }
        }
        while (hi - lo > precision * lo) {
            List<Double> points = new ArrayList<>();
            for (int k = 1; k <= POINTS; k++) {
                points.add(lo + (hi - lo) * k / (POINTS + 1));
            }
            List<Outcome> outcomes = eval(pool, points);
            // The smallest scale that broke bounds the answer; below it, the largest that held.
            // (A noisy run may hold above one that broke: the smaller breaking scale wins.)
            double newHi = hi;
            for (int k = 0; k < points.size(); k++) {
                if (!outcomes.get(k).met()) {
                    newHi = Math.min(newHi, points.get(k));
                }
            }
            double newLo = lo;
            for (int k = 0; k < points.size(); k++) {
                if (outcomes.get(k).met() && points.get(k) < newHi) {
                    newLo = Math.max(newLo, points.get(k));
                }
            }
            lo = newLo;
            hi = newHi;
        }
        return result(lo, peak, true);
    }

    private List<Outcome> eval(ExecutorService pool, List<Double> scales) {
        List<Future<Outcome>> futures = new ArrayList<>();
        for (double s : scales) {
            futures.add(pool.submit(() -> fn.run(s)));
        }
        List<Outcome> out = new ArrayList<>();
        for (int k = 0; k < scales.size(); k++) {
            try {
                Outcome o = futures.get(k).get();
                tried.put(scales.get(k), o);
                out.add(o);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("headroom search interrupted", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException(
                        "a run of the headroom search failed at scale " + scales.get(k) + ": " + e.getCause(),
                        e.getCause());
            }
        }
        return out;
    }

    private Headroom result(double ratio, double peak, boolean bounded) {
        List<Headroom.Probe> probes = new ArrayList<>();
        tried.forEach((s, o) -> probes.add(new Headroom.Probe(KneeFinder.round(s), o.met(), o.broken())));
        double r = KneeFinder.round(ratio);
        String summary;
        if (!bounded) {
            summary = String.format(
                    Locale.ROOT,
                    "headroom at least %.2fx: goals still held at %s times the peak of %s/s",
                    r,
                    SignalFinder.number(r),
                    SignalFinder.number(KneeFinder.round(peak)));
        } else if (ratio == 0) {
            summary = String.format(
                    Locale.ROOT,
                    "no headroom: goals broke even at %s of the peak of %s/s",
                    BottleneckFinder.percent(MIN_SCALE),
                    SignalFinder.number(KneeFinder.round(peak)));
        } else if (r < 1) {
            summary = String.format(
                    Locale.ROOT,
                    "headroom %.2fx: fails at %s of the peak of %s/s; holds up to %s/s",
                    r,
                    BottleneckFinder.percent(r),
                    SignalFinder.number(KneeFinder.round(peak)),
                    SignalFinder.number(KneeFinder.round(ratio * peak)));
        } else {
            summary = String.format(
                    Locale.ROOT,
                    "headroom %.2fx: goals hold up to %s of the peak of %s/s, %s/s",
                    r,
                    BottleneckFinder.percent(r),
                    SignalFinder.number(KneeFinder.round(peak)),
                    SignalFinder.number(KneeFinder.round(ratio * peak)));
        }
        return new Headroom(
                r,
                KneeFinder.round(ratio * peak),
                KneeFinder.round(peak),
                "search",
                precision,
                bounded,
                summary,
                probes,
                List.of());
    }
}
