package dev.headroom.analysis;

import java.util.ArrayList;
import java.util.List;

/**
 * The knee of a ramp or step run: the first load level at which throughput stops following the
 * offered rate (falls more than {@value #FOLLOWS} short of it) or the p99 turns up (more than
 * {@value #TURNS_UP} times the lowest p99 of the levels before), confirmed by the next level when
 * there is one so one noisy level is not a knee. Levels with fewer than {@value #MIN_COMPLETIONS}
 * responses are not judged on their p99.
 */
final class KneeFinder {
    static final double FOLLOWS = 0.05;
    static final double TURNS_UP = 2.0;
    /** A level's p99 is judged only with at least this many responses (a p99 of 20 is noise). */
    static final long MIN_COMPLETIONS = 200;

    private KneeFinder() {}

    static Knee find(Levels levels) {
        if (levels.isEmpty()) {
            return null;
        }
        List<Levels.Level> ls = levels.levels();
        double bestP99 = Double.POSITIVE_INFINITY;
        double bestThroughput = 0;
        for (int i = 0; i < ls.size(); i++) {
            Levels.Level l = ls.get(i);
            boolean bent = bent(l, bestP99);
            boolean confirmed = i + 1 >= ls.size() || bent(ls.get(i + 1), Math.min(bestP99, l.p99()));
            if (bent && confirmed && i > 0) {
                String why = fallsShort(l)
                        ? "throughput " + SignalFinder.number(round(l.throughput())) + "/s falls short of "
                                + SignalFinder.number(round(l.offeredRequests())) + "/s offered"
                                + (l.offeredRequests() != l.offered() ? " (requests of the journeys)" : "")
                        : "p99 " + SignalFinder.number(round(l.p99())) + " ms turns up from "
                                + SignalFinder.number(round(bestP99)) + " ms";
                return new Knee(
                        round(l.offered()),
                        round(Math.max(bestThroughput, l.throughput())),
                        l.t(),
                        "knee at " + SignalFinder.number(round(l.offered())) + "/s offered: " + why,
                        evidence(l));
            }
            if (l.completions() >= MIN_COMPLETIONS) {
                bestP99 = Math.min(bestP99, l.p99());
            }
            bestThroughput = Math.max(bestThroughput, l.throughput());
        }
        return null;
    }

    /** The level's figures; the requests offered too when its arrivals are journeys of several requests. */
    private static List<Evidence> evidence(Levels.Level l) {
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("run", "offered", l.t(), round(l.offered()), "/s"));
        if (l.offeredRequests() != l.offered()) {
            ev.add(new Evidence("run", "offered requests", l.t(), round(l.offeredRequests()), "/s"));
        }
        ev.add(new Evidence("run", "throughput", l.t(), round(l.throughput()), "/s"));
        ev.add(new Evidence("run", "latency p99", l.t(), l.p99(), "ms"));
        return ev;
    }

    private static boolean bent(Levels.Level l, double bestP99) {
        return fallsShort(l) || (l.completions() >= MIN_COMPLETIONS && l.p99() > TURNS_UP * bestP99);
    }

    /**
     * Throughput more than {@value #FOLLOWS} short of the offered rate, and by more than three
     * standard deviations of a Poisson count, so a level of few requests is not a knee by chance.
     */
    private static boolean fallsShort(Levels.Level l) {
        double shortfall = (l.offeredRequests() - l.throughput()) * l.seconds();
        double noise = 3 * Math.sqrt(Math.max(1, l.offeredRequests() * l.seconds()));
        return l.throughput() < (1 - FOLLOWS) * l.offeredRequests() && shortfall > noise;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
