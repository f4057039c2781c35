package dev.headroom.plan;

import dev.headroom.model.spec.Limits;
import dev.headroom.model.spec.PlanSettings;
import dev.headroom.model.spec.Problem;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a plan's request from a spec and the command line: the spec's {@code plan:} section gives
 * dimensions, margin, objective and survival; {@code --vary} adds dimensions or replaces the
 * section's for the same path; a flag given on the command line wins over the section.
 */
public final class PlanSetup {
    private PlanSetup() {}

    /** The command line's part of a plan; empty values defer to the spec's {@code plan:} section. */
    public record Flags(
            List<String> vary,
            Optional<String> margin,
            Optional<String> minimise,
            Optional<String> survive,
            Optional<Long> seed) {
        public Flags {
            vary = List.copyOf(vary);
        }
    }

    public static Planner.Request request(String source, String text, Path baseDir, List<String> overrides, Flags flags)
            throws SpecException {
        Spec spec = SpecLoader.parse(source, text, overrides, baseDir);
        PlanSettings settings = spec.plan();
        Map<String, Dimension> dims = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (PlanSettings.Vary v : settings.vary()) {
            try {
                dims.put(v.path(), Dimension.of(v.path(), v.values(), "plan.vary." + v.path()));
            } catch (PlanInputException e) {
                problems.add(problem(text, v, e));
            }
        }
        if (!problems.isEmpty()) {
            throw new SpecException(problems);
        }
        Map<String, String> fromFlags = new LinkedHashMap<>();
        for (String arg : flags.vary()) {
            Dimension d = Dimension.parse(arg, "--vary " + arg);
            String before = fromFlags.put(d.path(), arg);
            if (before != null) {
                throw new PlanInputException(
                        "--vary " + arg,
                        d.path() + " is varied twice (also by --vary " + before + ")",
                        "give " + d.path() + " one --vary with all its values");
            }
            // A --vary replaces the plan: section's dimension for the same path.
            dims.remove(d.path());
            dims.put(d.path(), d);
        }
        double margin =
                flags.margin().map(PlanSetup::margin).orElse(settings.margin().orElse(1.0));
        String objective = flags.minimise()
                .map(m -> oneOf("--minimise", m, PlanSettings.OBJECTIVES))
                .orElse(settings.minimise().orElse("event"));
        String survive = flags.survive()
                .map(s -> oneOf("--survive", s, PlanSettings.SURVIVE))
                .orElse(settings.survive().orElse("none"));
        long seed = flags.seed().orElse(spec.seed().orElse(Spec.DEFAULT_SEED));
        return new Planner.Request(
                source,
                text,
                baseDir,
                overrides,
                new ArrayList<>(dims.values()),
                margin,
                objective.equals("monthly") ? Planner.Objective.MONTHLY : Planner.Objective.EVENT,
                survive.equals("one-failure"),
                seed);
    }

    /** A bad dimension of the plan: section, located and shown as every other spec problem is. */
    private static Problem problem(String text, PlanSettings.Vary v, PlanInputException e) {
        String line = v.line() > 0 ? text.lines().skip(v.line() - 1).findFirst().orElse(null) : null;
        return new Problem(
                v.source(), v.line(), v.column(), "plan.vary." + v.path(), v.values(), e.rule(), e.fix(), line);
    }

    private static double margin(String text) {
        try {
            double m = Limits.MARGIN.check(Quantities.factor(text));
            if (!(m > 0)) {
                throw new QuantityException("must be above zero", "write 1.5 for 150% of the profile");
            }
            return m;
        } catch (QuantityException e) {
            throw new PlanInputException("--margin '" + text + "'", e.rule(), e.fix());
        }
    }

    private static String oneOf(String flag, String value, List<String> valid) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!valid.contains(v)) {
            throw new PlanInputException(
                    flag + " '" + value + "'",
                    "must be one of " + String.join(", ", valid),
                    dev.headroom.model.spec.Names.suggest(v, valid));
        }
        return v;
    }
}
