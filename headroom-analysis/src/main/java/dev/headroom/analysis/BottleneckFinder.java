package dev.headroom.analysis;

import dev.headroom.model.run.ComponentSummary;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names the component that saturated first around the first SLO breach and the causal chain from it
 * to the breach. Signals that begin later than one interval after the breach are effects, not
 * causes, and are left out. With no breach, the first saturation signal of the run is named, and
 * with none at all the busiest component (highest mean utilisation), with an empty chain.
 */
final class BottleneckFinder {
    /** Links kept in a chain before the breach itself: enough for the longest story, short enough to read. */
    static final int MAX_LINKS = 10;

    private BottleneckFinder() {}

    static Bottleneck find(RunData data, Verdict verdict, List<Signal> signals) {
        int breach = intervalOf(data, verdict.firstBreachT());
        List<Signal> candidates = new ArrayList<>();
        for (Signal s : signals) {
            if (breach < 0 || s.interval() <= breach + 1) {
                candidates.add(s);
            }
        }
        if (candidates.isEmpty()) {
            return busiest(data, verdict);
        }
        Signal root = candidates.get(0);
        List<GoalResult> broken = new ArrayList<>(
                verdict.goals().stream().filter(g -> g.firstBreach() != null).toList());
        broken.sort(Comparator.comparingDouble((GoalResult g) -> g.firstBreach().t())
                .thenComparing(GoalResult::goal));
        // The breaches go in time order among the signals: after every signal of their own interval.
        List<Link> chain = new ArrayList<>();
        int next = 0;
        for (Signal s : candidates.subList(0, Math.min(MAX_LINKS, candidates.size()))) {
            while (next < broken.size()
                    && intervalOf(data, broken.get(next).firstBreach().t()) < s.interval()) {
                chain.add(breachLink(broken.get(next++)));
            }
            chain.add(s.link());
        }
        while (next < broken.size()) {
            chain.add(breachLink(broken.get(next++)));
        }
        String summary = root.what() + " at " + seconds(root.t());
        if (!broken.isEmpty()) {
            GoalResult first = broken.get(0);
            summary += "; " + goalBroken(first) + " at "
                    + seconds(first.firstBreach().t());
        }
        return new Bottleneck(root.component(), root.what(), root.t(), summary, chain);
    }

    private static Link breachLink(GoalResult g) {
        return new Link("run", goalBroken(g), g.firstBreach().t(), g.firstBreach());
    }

    static String goalBroken(GoalResult g) {
        if (g.goal().equals("errors")) {
            return "errors over goal (" + percent(g.bound()) + ")";
        }
        return g.goal() + " over goal (" + SignalFinder.number(g.bound()) + " ms)";
    }

    private static Bottleneck busiest(RunData data, Verdict verdict) {
        if (data.run() == null) {
            return null;
        }
        Map<String, ComponentSummary> comps = data.run().summary().components();
        String best = null;
        double bestU = -1;
        for (Map.Entry<String, ComponentSummary> e : new java.util.TreeMap<>(comps).entrySet()) {
            double u = e.getValue().utilization();
            if (e.getValue().servers() > 0 && u > bestU) {
                best = e.getKey();
                bestU = u;
            }
        }
        if (best == null) {
            return null;
        }
        String what = "busiest, " + percent(bestU) + " utilised";
        String summary = verdict.firstBreachT() >= 0
                ? "no component saturated before the first breach; the busiest was " + best + " (" + percent(bestU)
                        + ")"
                : "nothing saturated; the busiest component is " + best + " (" + percent(bestU) + ")";
        Evidence ev = new Evidence(best, "utilization", -1, bestU, "fraction");
        return new Bottleneck(best, what, -1, summary, List.of(new Link(best, what, -1, ev)));
    }

    private static int intervalOf(RunData data, double t) {
        if (t < 0) {
            return -1;
        }
        int found = -1;
        for (int i = 0; i < data.timeline().size(); i++) {
            if (data.timeline().get(i).t() <= t) {
                found = i;
            }
        }
        return found;
    }

    static String seconds(double t) {
        return String.format(Locale.ROOT, t == Math.rint(t) ? "%.0f s" : "%.1f s", t);
    }

    static String percent(double f) {
        return String.format(Locale.ROOT, "%.1f%%", f * 100);
    }
}
