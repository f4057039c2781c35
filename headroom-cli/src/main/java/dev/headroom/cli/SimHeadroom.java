package dev.headroom.cli;

import dev.headroom.analysis.Evidence;
import dev.headroom.analysis.Finding;
import dev.headroom.analysis.Headroom;
import dev.headroom.analysis.HeadroomSearch;
import dev.headroom.model.goal.Goals;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.workload.Workload;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.Simulation;
import dev.headroom.sim.TimelineSink;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The headroom search wired to the simulator: each probe simulates the spec with its profile scaled,
 * with the same seed (common random numbers, so probes differ only by the load), and judges the
 * spec's goals on the whole run.
 */
final class SimHeadroom {
    /** With {@code --headroom auto}, search only when the run had at most this many requests (about 15 probes follow). */
    static final long AUTO_MAX_REQUESTS = 5_000_000;

    static final String AUTO_MAX_REQUESTS_TEXT = "5,000,000";

    private SimHeadroom() {}

    static boolean wanted(String when, Spec spec, RunSummary summary) {
        if (spec.goals().isEmpty() || when.equals("off")) {
            return false;
        }
        return when.equals("on") || summary.requests() <= AUTO_MAX_REQUESTS;
    }

    /**
     * Why {@code --headroom auto} did not search a spec with goals: the run was too big for about 15
     * more runs of its size. Empty when it searched, or was not asked to.
     */
    static Optional<Finding> skipped(String when, Spec spec, RunSummary summary) {
        if (spec.goals().isEmpty() || !when.equals("auto") || summary.requests() <= AUTO_MAX_REQUESTS) {
            return Optional.empty();
        }
        return Optional.of(new Finding(
                "headroom-search-skipped",
                "run",
                -1,
                String.format(
                        Locale.US,
                        "the headroom search was skipped: the run had %,d requests, over --headroom auto's %s"
                                + " (about 15 runs of that size would follow); the headroom above is read from"
                                + " the run alone. --headroom on runs the search; --duration shortens every run",
                        summary.requests(),
                        AUTO_MAX_REQUESTS_TEXT),
                List.of(new Evidence("run", "requests", -1, summary.requests(), "requests"))));
    }

    static Headroom search(Spec spec, long seed, OptionalDouble window) {
        HeadroomSearch.ScaledRun probe = scale -> {
            Workload w = spec.workload();
            Spec scaled = new Spec(
                    spec.name(),
                    spec.description(),
                    spec.seed(),
                    new Workload(w.profile().scaled(scale), w.arrivals(), w.classes()),
                    spec.architecture(),
                    spec.goals());
            RunSummary s = Simulation.run(scaled, new SimOptions(seed, window, TimelineSink.DISCARD))
                    .summary();
            String broken = spec.goals().judge(s).stream()
                    .filter(v -> !v.met())
                    .map(Goals.Verdict::goal)
                    .findFirst()
                    .orElse(null);
            return new HeadroomSearch.Outcome(broken == null, broken);
        };
        Profile profile = spec.workload().profile();
        return HeadroomSearch.search(probe, profile.peakRate(window.orElse(profile.durationSeconds())));
    }
}
