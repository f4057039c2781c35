package dev.headroom.analysis;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Judges a run's goals, as docs/findings.md defines it: a goal is met when the whole run's figure
 * (from {@code run.json}) is within its bound; that decides the outcome. Per interval, a latency
 * goal is judged on every interval with at least one successful response, the error goal on every
 * interval with at least one outcome: a goal the run broke points at its first sustained breach
 * ({@value #SUSTAINED} intervals running over the bound), else at its first interval over it; a
 * goal the run met has no breach, only excursions. A run without {@code run.json} is judged on its
 * intervals (met when no sustained breach), and a partial run is never a pass. A measured run whose
 * generator's own lag broke the lag limit is invalid, whatever its goals.
 */
final class SloJudge {
    /** Intervals running over a goal's bound that make a sustained breach, as the saturation signals count. */
    static final int SUSTAINED = 3;

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
        Stretches over = new Stretches();
        double worst = 0;
        for (TimelineRecord r : data.timeline()) {
            if (r.latencyMillis() == null || r.latencyMillis().count() == 0) {
                continue;
            }
            double v = percentile(r.latencyMillis(), p);
            worst = Math.max(worst, v);
            over.add(v > bound, () -> new Evidence("run", "latency " + p, r.t(), v, "ms"));
        }
        double actual = whole != null ? whole.actual() : worst;
        boolean met = whole != null ? whole.met() : over.judged > 0 && over.sustained == null;
        return over.result(p, bound, "ms", actual, met && !data.partial());
    }

    private static GoalResult errors(RunData data, double bound, Goals.Verdict whole) {
        Stretches over = new Stretches();
        double worst = 0;
        for (TimelineRecord r : data.timeline()) {
            if (r.completed() + errorCount(r) == 0) {
                continue;
            }
            double rate = errorRate(r);
            worst = Math.max(worst, rate);
            over.add(rate > bound, () -> new Evidence("run", "error rate", r.t(), rate, "fraction"));
        }
        double actual = whole != null ? whole.actual() : worst;
        boolean met = whole != null ? whole.met() : over.sustained == null;
        return over.result("errors", bound, "fraction", actual, met && !data.partial());
    }

    /**
     * The judged intervals of one goal in order, and which went over its bound: the first that
     * did, and the first of {@value #SUSTAINED} running, a sustained breach.
     */
    private static final class Stretches {
        int judged;
        int broken;
        int running;
        Evidence first;
        Evidence runStart;
        Evidence sustained;

        void add(boolean isOver, Supplier<Evidence> evidence) {
            judged++;
            if (!isOver) {
                running = 0;
                return;
            }
            broken++;
            Evidence e = evidence.get();
            if (first == null) {
                first = e;
            }
            if (running++ == 0) {
                runStart = e;
            }
            if (running == SUSTAINED && sustained == null) {
                sustained = runStart;
            }
        }

        /**
         * A goal the run broke points at its first sustained breach, else at its first interval over
         * the bound; a goal the run met has no breach, and its first interval over the bound, if
         * any, is an excursion.
         */
        GoalResult result(String goal, double bound, String unit, double actual, boolean met) {
            Evidence breach = met ? null : sustained != null ? sustained : first;
            return new GoalResult(goal, bound, unit, actual, met, judged, broken, breach, met ? first : null);
        }
    }
}
