package dev.headroom.cli;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.run.Availability;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import dev.headroom.sim.SimOptions;
import dev.headroom.sim.SinglePointsOfFailure;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code headroom spof}: loses each component at the peak and names the ones whose loss breaks the goal. */
@Command(
        name = "spof",
        mixinStandardHelpOptions = true,
        description = {
            "Find single points of failure: simulate FILE once per component lost at the profile's peak (each balancer, one web instance, each zone, the cache, each database node), in parallel with the same seed, and show which single losses break the goal and for how long.",
            "Exit codes: 0 no single loss breaks the goal, 1 at least one does (or the goal fails with nothing lost), 2 bad input."
        },
        footer = {"", "Example: headroom spof examples/stories/going-cloud.yaml --duration 10m"})
final class SpofCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec command;

    @Mixin
    SpecInput input;

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Random seed for every run (default: the spec's seed, else " + Spec.DEFAULT_SEED + ").")
    Long seed;

    @Option(
            names = "--duration",
            paramLabel = "D",
            description = "Simulate only the first D of the profile (default: all of it); the loss comes at"
                    + " the peak within it.")
    String duration;

    @Option(names = "--threads", paramLabel = "N", description = "Runs at once (default: the number of cores).")
    Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        Spec spec = input.load();
        long runSeed = seed != null ? seed : spec.seed().orElse(Spec.DEFAULT_SEED);
        Profile profile = spec.workload().profile();
        double window = window(profile);
        double peak = SinglePointsOfFailure.peakSeconds(profile, window);
        // Each loss is a run of this size: refuse up front what one run could not finish.
        SimSize.checkAtDefault(input.file, spec, OptionalDouble.of(window));
        SimOptions options = SimOptions.seeded(runSeed);
        if (window < profile.durationSeconds()) {
            options = options.withDuration(window);
        }
        int n = threads != null && threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        List<SinglePointsOfFailure.Outcome> outcomes = SinglePointsOfFailure.run(spec, options, (long) (peak * 1e9), n);
        PrintWriter out = command.commandLine().getOut();
        Goals goals = SinglePointsOfFailure.goals(spec);
        out.printf(
                Locale.US,
                "%s: each component lost at %s (the peak, %s) until the end of the run; seed %d%n",
                spec.name(),
                Quantities.formatDuration((long) (peak * 1e9)),
                Quantities.formatRate(profile.rateAt(peak)),
                runSeed);
        out.println("goal: " + describe(goals));
        out.println();
        out.printf(
                Locale.US,
                "%-28s %-8s %9s %10s %13s %12s%n",
                "lost",
                "goal",
                "errors",
                "p99 ms",
                "availability",
                "below target");
        boolean broken = false;
        for (SinglePointsOfFailure.Outcome o : outcomes) {
            broken |= !o.goalMet();
            Availability a = o.availability();
            double errors = o.summary().requests() == 0
                    ? 0
                    : (double) o.summary().errorCount() / o.summary().requests();
            out.printf(
                    Locale.US,
                    "%-28s %-8s %8.2f%% %10s %12.3f%% %12s%n",
                    o.component(),
                    o.goalMet() ? "met" : "BROKEN",
                    errors * 100,
                    o.summary().latencyMillis().count() == 0
                            ? "-"
                            : String.format(
                                    Locale.US,
                                    "%.1f",
                                    o.summary().latencyMillis().p99()),
                    a == null ? 100.0 : a.overall() * 100,
                    a == null ? "-" : Quantities.formatDuration((long) (a.downtimeSeconds() * 1e9)));
        }
        out.println();
        List<String> named = outcomes.stream()
                .skip(1)
                .filter(o -> !o.goalMet())
                .map(SinglePointsOfFailure.Outcome::component)
                .toList();
        if (!outcomes.get(0).goalMet()) {
            out.println("the goal fails with nothing lost: fix capacity first (headroom simulate)");
        }
        out.println(
                named.isEmpty()
                        ? "no single loss breaks the goal"
                        : "single points of failure: " + String.join(", ", named));
        return broken ? Main.FAILED : Main.OK;
    }

    private double window(Profile profile) {
        if (duration == null) {
            return profile.durationSeconds();
        }
        try {
            double s = Quantities.durationNanos(duration) / 1e9;
            if (s <= 0 || s > profile.durationSeconds() + 1e-9) {
                throw new BadInputException("--duration '" + duration + "': must be above zero and at most the"
                        + " profile's length\n    fix: give a duration such as 10m");
            }
            return s;
        } catch (QuantityException e) {
            throw new BadInputException("--duration '" + duration + "': " + e.rule() + "\n    fix: " + e.fix());
        }
    }

    private static String describe(Goals g) {
        StringBuilder b = new StringBuilder();
        g.latencyMillis()
                .forEach((p, ms) -> b.append(p).append(" <= ").append(ms).append(" ms, "));
        OptionalDouble e = g.maxErrorRate();
        e.ifPresent(v -> b.append(String.format(Locale.US, "errors <= %.2f%%", v * 100)));
        return b.toString();
    }
}
