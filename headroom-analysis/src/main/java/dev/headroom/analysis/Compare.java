package dev.headroom.analysis;

import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.RunSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Puts two analysed runs side by side, figure by figure. */
public final class Compare {
    private Compare() {}

    public static Comparison compare(RunData a, Findings fa, RunData b, Findings fb) {
        List<Comparison.Row> rows = new ArrayList<>();
        TreeSet<String> goals = new TreeSet<>();
        fa.verdict().goals().forEach(g -> goals.add(g.goal()));
        fb.verdict().goals().forEach(g -> goals.add(g.goal()));
        for (String g : goals) {
            rows.add(row(
                    "goal " + g + " bound",
                    g.equals("errors") ? "fraction" : "ms",
                    goal(fa, g, true),
                    goal(fb, g, true)));
        }
        RunSummary sa = a.run() == null ? null : a.run().summary();
        RunSummary sb = b.run() == null ? null : b.run().summary();
        for (String p : List.of("p50", "p90", "p99", "p999", "max")) {
            rows.add(row("latency " + p, "ms", latency(sa, p), latency(sb, p)));
        }
        rows.add(row(
                "throughput",
                "/s",
                sa == null ? null : sa.throughputPerSecond(),
                sb == null ? null : sb.throughputPerSecond()));
        rows.add(row(
                "requests",
                "requests",
                sa == null ? null : (double) sa.requests(),
                sb == null ? null : (double) sb.requests()));
        rows.add(row("error rate", "fraction", errorRate(sa), errorRate(sb)));
        rows.add(row("cost per hour", "$", costPerHour(sa), costPerHour(sb)));
        rows.add(row("cost per million requests", "$", costPerMillion(sa), costPerMillion(sb)));
        rows.add(row(
                "headroom",
                "x",
                fa.headroom() == null ? null : fa.headroom().ratio(),
                fb.headroom() == null ? null : fb.headroom().ratio()));
        return new Comparison(side(a, fa), side(b, fb), rows);
    }

    private static Comparison.Side side(RunData d, Findings f) {
        return new Comparison.Side(
                d.source(),
                f.runId(),
                f.runKind(),
                f.partial(),
                f.verdict().outcome(),
                f.bottleneck() == null ? null : f.bottleneck().component(),
                f.bottleneck() == null ? null : f.bottleneck().signal());
    }

    private static Double goal(Findings f, String goal, boolean bound) {
        return f.verdict().goals().stream()
                .filter(g -> g.goal().equals(goal))
                .map(g -> bound ? g.bound() : g.overall())
                .findFirst()
                .orElse(null);
    }

    private static Double latency(RunSummary s, String p) {
        if (s == null || s.latencyMillis() == null || s.latencyMillis().count() == 0) {
            return null;
        }
        LatencySummary l = s.latencyMillis();
        return SloJudge.percentile(l, p);
    }

    private static Double errorRate(RunSummary s) {
        return s == null || s.requests() == 0 ? null : (double) s.errorCount() / s.requests();
    }

    private static Double costPerHour(RunSummary s) {
        return s == null || s.cost() == null || s.cost().items().isEmpty()
                ? null
                : s.cost().steadyPerHour();
    }

    private static Double costPerMillion(RunSummary s) {
        return s == null || s.cost() == null || s.cost().items().isEmpty()
                ? null
                : s.cost().perMillionRequests();
    }

    private static Comparison.Row row(String figure, String unit, Double a, Double b) {
        Double diff = a == null || b == null ? null : b - a;
        Double rel = a == null || b == null || a == 0 ? null : (b - a) / a;
        return new Comparison.Row(figure, unit, a, b, diff, rel);
    }
}
