package dev.headroom.sim;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.failure.FailureTargets;
import dev.headroom.model.failure.Failures;
import dev.headroom.model.goal.Goals;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.run.Availability;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.spec.Defaults;
import dev.headroom.model.spec.Spec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Loses each component in turn at the profile's peak, for the rest of the run, and judges the
 * goal: one run per component (one instance stands for all of a pool's identical instances; each
 * zone, balancer, the cache and every database node), all with the same seed, run in parallel.
 * A baseline run with nothing lost comes first. The spec's own failures and chaos are left out.
 */
public final class SinglePointsOfFailure {
    private SinglePointsOfFailure() {}

    /** One component lost (or none, for the baseline): the goal's verdict and the availability it left. */
    public record Outcome(
            String component,
            boolean goalMet,
            List<Goals.Verdict> verdicts,
            RunSummary summary,
            Availability availability) {}

    /** The loss to simulate for each candidate component. */
    public record Loss(String label, Optional<Failures.Failure> failure) {}

    /** The goals a spof run is judged on: the spec's, or errors under 1 - the default availability target. */
    public static Goals goals(Spec spec) {
        if (spec.goals().maxErrorRate().isPresent()) {
            return spec.goals();
        }
        return new Goals(spec.goals().latencyMillis(), OptionalDouble.of(1 - Defaults.AVAILABILITY_TARGET));
    }

    /** The first time the profile reaches its peak rate, to the second, within the first {@code window} seconds. */
    public static double peakSeconds(Profile profile, double window) {
        double best = 0;
        double bestRate = -1;
        for (double t = 0; t < window; t += 1) {
            double r = profile.rateAt(t);
            if (r > bestRate + 1e-9) {
                bestRate = r;
                best = t;
            }
        }
        return best;
    }

    /** The baseline and every single loss, each at {@code atNanos}. */
    public static List<Loss> losses(Architecture a, long atNanos) {
        List<Loss> out = new ArrayList<>();
        out.add(new Loss("(nothing lost)", Optional.empty()));
        for (String lb : FailureTargets.balancers(a)) {
            out.add(loss(lb, lb, Optional.empty(), atNanos));
        }
        String pool = a.pool().name();
        out.add(loss(pool + "-1 (one instance)", pool + "-1", Optional.empty(), atNanos));
        if (a.pool().zones().size() > 1) {
            for (String z : a.pool().zones()) {
                out.add(loss(pool + " in zone " + z, pool, Optional.of(z), atNanos));
            }
        }
        if (a.cache().isPresent()) {
            out.add(loss("cache", "cache", Optional.empty(), atNanos));
        }
        for (String node : FailureTargets.databaseNodes(a)) {
            out.add(loss(node, node, Optional.empty(), atNanos));
        }
        return out;
    }

    private static Loss loss(String label, String component, Optional<String> zone, long atNanos) {
        return new Loss(label, Optional.of(new Failures.Failure(atNanos, component, zone, OptionalLong.empty())));
    }

    /** Runs every loss on {@code threads} threads; the outcomes in the order of {@link #losses}. */
    public static List<Outcome> run(Spec spec, SimOptions options, long atNanos, int threads)
            throws InterruptedException {
        Goals goals = goals(spec);
        List<Loss> losses = losses(spec.architecture(), atNanos);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads));
        try {
            List<Future<Outcome>> futures = new ArrayList<>();
            for (Loss loss : losses) {
                // The baseline runs the same elastic code path as the others, with nothing lost.
                Failures f = new Failures(loss.failure().map(List::of).orElse(List.of()), Optional.empty());
                Spec s = spec.withFailures(f);
                futures.add(pool.submit(() -> outcome(loss.label(), Simulation.runElastic(s, options), goals)));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> fu : futures) {
                out.add(fu.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a spof run failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static Outcome outcome(String label, SimResult r, Goals goals) {
        List<Goals.Verdict> verdicts = goals.judge(r.summary());
        boolean met = verdicts.stream().allMatch(Goals.Verdict::met);
        return new Outcome(label, met, verdicts, r.summary(), r.summary().availability());
    }
}
