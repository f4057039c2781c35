package dev.headroom.analysis;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Judges a run's goals per interval and overall. A latency goal is judged on every interval with at
 * least one successful response; the error goal on every interval with at least one outcome
 * (success or error). Overall figures come from {@code run.json}; a run without it is judged on its
 * worst interval, and a partial run is never a pass. A measured run whose generator's own lag broke
 * the lag limit is invalid, whatever its goals.
 */
final class SloJudge {
    private SloJudge() {}

    static Verdict judge(RunData data) {
        Goals goals = data.goals();
        List<GoalResult> results = new ArrayList<>();
        Map<String, Goals.Verdict> overall = new java.util.HashMap<>();
        if (data.run() != null) {
            for (Goals.Verdict v : goals.judge(data.run().summary())) {
                overall.put(v.goal(), v);
            }
        }
        goals.latencyMillis().forEach((p, bound) -> results.add(latency(data, p, bound, overall.get(p))));
        goals.maxErrorRate().ifPresent(bound -> results.add(errors(data, bound, overall.get("errors"))));
        double first = results.stream()
                .filter(r -> r.firstBreach() != null)
                .mapToDouble(r -> r.firstBreach().t())
                .min()
                .orElse(-1);
        String outcome;
        if (data.run() != null
                && data.run().measurement() != null
                && data.run().measurement().invalid()) {
            outcome = Verdict.INVALID;
        } else if (data.partial()) {
            outcome = Verdict.PARTIAL;
        } else if (results.isEmpty()) {
            outcome = Verdict.NO_GOALS;
        } else if (results.stream().allMatch(GoalResult::met)) {
            outcome = Verdict.MET;
        } else {
            outcome = Verdict.BROKEN;
        }
        return new Verdict(outcome, first, results);
    }

    static double percentile(LatencySummary l, String p) {
        return switch (p) {
            case "p50" -> l.p50();
            case "p90" -> l.p90();
            case "p99" -> l.p99();
            case "p999" -> l.p999();
            default -> l.max();
        };
    }

    /** Errors over outcomes (successes plus errors) in one interval. */
    static double errorRate(TimelineRecord r) {
        long errors = errorCount(r);
        long outcomes = r.completed() + errors;
        return outcomes == 0 ? 0 : (double) errors / outcomes;
    }

    static long errorCount(TimelineRecord r) {
        return r.errors() == null
                ? 0
                : r.errors().values().stream().mapToLong(Long::longValue).sum();
    }

    private static GoalResult latency(RunData data, String p, double bound, Goals.Verdict whole) {
        int judged = 0;
        int broken = 0;
        Evidence first = null;
        double worst = 0;
        for (TimelineRecord r : data.timeline()) {
            if (r.latencyMillis() == null || r.latencyMillis().count() == 0) {
                continue;
            }
            judged++;
            double v = percentile(r.latencyMillis(), p);
            worst = Math.max(worst, v);
            if (v > bound) {
                broken++;
                if (first == null) {
                    first = new Evidence("run", "latency " + p, r.t(), v, "ms");
                }
            }
        }
        double actual = whole != null ? whole.actual() : worst;
        boolean met = whole != null ? whole.met() : judged > 0 && broken == 0;
        return new GoalResult(p, bound, "ms", actual, met && !data.partial(), judged, broken, first);
    }

    private static GoalResult errors(RunData data, double bound, Goals.Verdict whole) {
        int judged = 0;
        int broken = 0;
        Evidence first = null;
        double worst = 0;
        for (TimelineRecord r : data.timeline()) {
            if (r.completed() + errorCount(r) == 0) {
                continue;
            }
            judged++;
            double rate = errorRate(r);
            worst = Math.max(worst, rate);
            if (rate > bound) {
                broken++;
                if (first == null) {
                    first = new Evidence("run", "error rate", r.t(), rate, "fraction");
                }
            }
        }
        double actual = whole != null ? whole.actual() : worst;
        boolean met = whole != null ? whole.met() : broken == 0;
        return new GoalResult("errors", bound, "fraction", actual, met && !data.partial(), judged, broken, first);
    }
}
