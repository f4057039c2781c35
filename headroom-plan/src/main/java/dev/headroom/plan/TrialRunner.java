package dev.headroom.plan;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.workload.Workload;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SimResult;
import dev.headroom.sim.Simulation;
import dev.headroom.sim.SinglePointsOfFailure;
import dev.headroom.sim.StopRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Judges one trial: simulates the configuration at the profile scaled by the margin, with a stop
 * rule that ends the run as soon as a goal is lost (a screening run: most failing candidates stop
 * in the first seconds of their profile), and, for a configuration that passes and must survive a
 * failure, loses each component at the peak in turn.
 */
public final class TrialRunner {
    private static final String LOSING = "losing ";
    private static final String BREAKS = " breaks ";

    private TrialRunner() {}

    /**
     * The component that gives out in a failed {@code survive} trial: the one whose loss broke the
     * goals (not the busiest, which is what gives out under load); null for any other evaluation.
     */
    static String lost(Evaluation e) {
        String d = e.detail();
        if (!"survive".equals(e.goal()) || d == null || !d.startsWith(LOSING) || !d.contains(BREAKS)) {
            return null;
        }
        return d.substring(LOSING.length(), d.indexOf(BREAKS));
    }

    /** The spec of a trial, with its overrides, as written (before the margin). */
    public static Spec spec(Trial t) {
        try {
            return SpecLoader.parse(t.source(), t.text(), t.overrides(), Path.of(t.baseDir()));
        } catch (SpecException e) {
            throw new PlanInputException(
                    t.source(),
                    "a configuration is not a valid spec: "
                            + e.problems().get(0).format(),
                    "check the dimensions' values");
        }
    }

    /** {@code spec} with its profile scaled by {@code margin}. */
    public static Spec atMargin(Spec spec, double margin) {
        Workload w = spec.workload();
        return margin == 1
                ? spec
                : spec.withWorkload(new Workload(w.profile().scaled(margin), w.arrivals(), w.classes()));
    }

    public static Evaluation run(Trial t) throws InterruptedException {
        Spec spec = atMargin(spec(t), t.margin());
        Goals goals = spec.goals();
        Profile profile = spec.workload().profile();
        StopRule rule = StopRule.forGoals(goals, profile.expectedArrivals(0, profile.durationSeconds()));
        SimOptions options = SimOptions.seeded(t.seed());
        SimResult r = Simulation.run(spec, t.screen() ? options.withStop(rule) : options);
        RunSummary s = r.summary();
        // The verdict: the stop rule's, else the first goal broken, else the first loss not survived.
        String goal = null;
        String detail = "every goal met";
        if (r.stopped().isPresent()) {
            goal = r.stopped().get().goal();
            detail = stoppedDetail(r.stopped().get(), goals);
        } else {
            Goals.Verdict broken =
                    goals.judge(s).stream().filter(v -> !v.met()).findFirst().orElse(null);
            if (broken != null) {
                goal = broken.goal();
                detail = verdictDetail(broken);
            } else if (t.survive()) {
                String lost = survive(spec, t.seed(), profile);
                if (lost != null) {
                    goal = "survive";
                    detail = lost;
                }
            }
        }
        String busiest = busiest(s);
        return new Evaluation(
                t.overrides(),
                goal == null,
                goal,
                detail,
                r.stopped().isPresent(),
                r.simulatedSeconds(),
                busiest,
                busiest == null ? 0 : s.components().get(busiest).utilization(),
                capacityRatio(s, profile.peakRate()),
                s.cost() == null ? 0 : s.cost().eventCost(),
                s.cost() == null ? 0 : s.cost().steadyPerMonth(),
                s.latencyMillis().count() == 0 ? Double.NaN : s.latencyMillis().p99(),
                s.requests() == 0 ? 0 : (double) s.errorCount() / s.requests(),
                s.requests());
    }

    /** The first single loss that breaks the goals, described; null when every loss is survived. */
    private static String survive(Spec spec, long seed, Profile profile) throws InterruptedException {
        double window = profile.durationSeconds();
        double peak = SinglePointsOfFailure.peakSeconds(profile, window);
        List<SinglePointsOfFailure.Outcome> outcomes =
                SinglePointsOfFailure.run(spec, SimOptions.seeded(seed), (long) (peak * 1e9), 1);
        for (SinglePointsOfFailure.Outcome o : outcomes.subList(1, outcomes.size())) {
            if (!o.goalMet()) {
                Goals.Verdict v =
                        o.verdicts().stream().filter(x -> !x.met()).findFirst().orElseThrow();
                return LOSING + o.component() + BREAKS + verdictDetail(v);
            }
        }
        return null;
    }

    static String verdictDetail(Goals.Verdict v) {
        if (v.goal().equals("errors")) {
            return String.format(Locale.US, "errors %.2f%% > %.2f%%", v.actual() * 100, v.bound() * 100);
        }
        return String.format(Locale.US, "%s %.1f ms > %s ms", v.goal(), v.actual(), trim(v.bound()));
    }

    private static String stoppedDetail(StopRule.Stopped why, Goals goals) {
        String at = Quantities.formatDuration((long) Math.ceil(why.atSeconds()) * 1_000_000_000L);
        if (why.goal().equals("errors")) {
            return String.format(
                    Locale.US,
                    "stopped at %s: %,d errors, more than the %,d the whole run may have",
                    at,
                    why.count(),
                    why.allowed());
        }
        double bound = goals.latencyMillis().get(why.goal());
        return String.format(
                Locale.US,
                "stopped at %s: %,d responses slower than %s ms, more than the %,d the whole run may have for %s",
                at,
                why.count(),
                trim(bound),
                why.allowed(),
                why.goal());
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The most utilised component with a bounded capacity, or null when none is. */
    static String busiest(RunSummary s) {
        String best = null;
        double bestU = -1;
        for (Map.Entry<String, ComponentSummary> e : s.components().entrySet()) {
            ComponentSummary c = e.getValue();
            if (c.servers() > 0 && c.servers() < Integer.MAX_VALUE && c.utilization() > bestU) {
                best = e.getKey();
                bestU = c.utilization();
            }
        }
        return best;
    }

    /**
     * By the utilisation law, a component's utilisation grows with its throughput: a component
     * {@code U} busy at the run's mean throughput {@code X} saturates at {@code X / U}; this is that
     * rate over the peak's, for the first component to saturate.
     */
    static double capacityRatio(RunSummary s, double peakRate) {
        double x = s.throughputPerSecond();
        double ratio = Double.POSITIVE_INFINITY;
        for (ComponentSummary c : s.components().values()) {
            if (c.servers() > 0 && c.servers() < Integer.MAX_VALUE && c.utilization() > 0 && x > 0 && peakRate > 0) {
                ratio = Math.min(ratio, x / c.utilization() / peakRate);
            }
        }
        return ratio;
    }
}
