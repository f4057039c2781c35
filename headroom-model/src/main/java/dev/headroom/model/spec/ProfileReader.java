package dev.headroom.model.spec;

import dev.headroom.model.profile.Constant;
import dev.headroom.model.profile.Daily;
import dev.headroom.model.profile.Profile;
import dev.headroom.model.profile.Ramp;
import dev.headroom.model.profile.Shape;
import dev.headroom.model.profile.Spike;
import dev.headroom.model.profile.Steps;
import dev.headroom.model.units.Quantities;
import dev.headroom.model.units.QuantityException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a profile: either one shape ({@code profile: {spike: {...}}}) or {@code phases:}, a list
 * of shapes played in sequence, with an optional {@code scale} (1.5 = 150% of the curve).
 */
public final class ProfileReader {
    static final List<String> SHAPES = List.of("constant", "ramp", "steps", "spike", "daily", "replay");

    private final Problems problems;
    private final Path baseDir;

    public ProfileReader(Problems problems, Path baseDir) {
        this.problems = problems;
        this.baseDir = baseDir;
    }

    public Optional<Profile> read(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        double scale =
                f.scalar("scale", Limits.SCALE.number(Quantities::factor)).orElse(1.0);
        if (f.has("scale") && !(scale > 0)) {
            problems.add(
                    f.get("scale").get(),
                    f.pathOf("scale"),
                    "the scale must be more than zero",
                    "write a factor such as 1.5 (150% of the curve)");
        }
        List<Shape> phases = new ArrayList<>();
        boolean ok = true;
        if (f.has("phases")) {
            List<Node> items = f.list("phases");
            if (items.isEmpty()) {
                problems.add(
                        f.get("phases").get(),
                        f.pathOf("phases"),
                        "needs at least one phase",
                        "add a phase such as - constant: {rate: 100/s, duration: 5m}");
                ok = false;
            }
            for (int i = 0; i < items.size(); i++) {
                Optional<Shape> s = phase(items.get(i), f.pathOf("phases") + "[" + i + "]");
                s.ifPresent(phases::add);
                ok &= s.isPresent();
            }
            SHAPES.forEach(k -> {
                if (f.keys().contains(k)) {
                    problems.add(
                            f.tuple(k).getKeyNode(),
                            f.pathOf(k),
                            k,
                            "a profile has either phases or one shape, not both",
                            "move " + k + " into the phases list");
                }
                f.has(k);
            });
        } else {
            List<String> present = f.keys().stream().filter(SHAPES::contains).toList();
            SHAPES.forEach(f::has);
            f.has("phases");
            if (present.size() != 1) {
                problems.add(
                        node,
                        path,
                        present.isEmpty() ? "names no shape" : "names more than one shape",
                        "give one of " + String.join(", ", SHAPES) + ", or a phases: list to play several in sequence");
                ok = false;
            } else {
                Optional<Shape> s = shape(present.get(0), f.get(present.get(0)).orElse(node), f.pathOf(present.get(0)));
                s.ifPresent(phases::add);
                ok = s.isPresent();
            }
        }
        f.finish();
        if (!ok || phases.isEmpty() || !(scale > 0)) {
            return Optional.empty();
        }
        Profile profile = new Profile(phases, scale);
        if (!(profile.durationSeconds() <= Limits.PROFILE_SECONDS.max())) {
            problems.add(
                    node,
                    path,
                    "the profile lasts more than " + Limits.PROFILE_SECONDS.shown(),
                    "shorten the phases (" + Limits.PROFILE_SECONDS.why() + ")");
            return Optional.empty();
        }
        return sendsSomething(profile, node, path) && scaledPeakWithinBound(profile, f)
                ? Optional.of(profile)
                : Optional.empty();
    }

    /** A profile of 0/s everywhere would "miss" its goals with no request at all: refuse it instead. */
    private boolean sendsSomething(Profile profile, Node node, String path) {
        if (profile.peakRate() > 0) {
            return true;
        }
        problems.add(
                node,
                path,
                null,
                "the profile sends nothing: every rate in it is 0/s",
                "give at least one phase a rate above zero, such as constant: {rate: 100/s, duration: 5m}");
        return false;
    }

    /** Each rate is bounded, and so is their product with the scale: that is what a run must generate. */
    private boolean scaledPeakWithinBound(Profile profile, Fields f) {
        double peak = profile.peakRate();
        if (peak <= Limits.RATE.max()) {
            return true;
        }
        double most = Limits.RATE.max() / (peak / profile.scale());
        problems.add(
                f.get("scale").orElse(f.node()),
                f.pathOf("scale"),
                Quantities.formatFactor(profile.scale()),
                "the scaled peak, " + Quantities.formatRate(peak) + ", is above the bound of " + Limits.RATE.shown(),
                "lower the scale to at most " + Quantities.formatFactor(Math.floor(most * 1000) / 1000)
                        + " or the peak rate (" + Limits.RATE.why() + ")");
        return false;
    }

    private Optional<Shape> phase(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        if (f.keys().size() != 1) {
            problems.add(
                    node,
                    path,
                    "each phase names exactly one shape",
                    "write one of " + String.join(", ", SHAPES) + " per list item");
            return Optional.empty();
        }
        String kind = f.keys().iterator().next();
        SHAPES.forEach(f::has);
        Optional<Shape> s =
                SHAPES.contains(kind) ? f.get(kind).flatMap(n -> shape(kind, n, f.pathOf(kind))) : Optional.empty();
        if (SHAPES.contains(kind) && !f.has(kind)) {
            problems.add(
                    node,
                    f.pathOf(kind),
                    "the shape has no settings",
                    "give its settings, such as {rate: 100/s, duration: 5m}");
        }
        f.finish();
        return s;
    }

    private Optional<Shape> shape(String kind, Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Optional<Shape> s =
                switch (kind) {
                    case "constant" -> {
                        Optional<Double> rate = rate(f, "rate");
                        Optional<Double> d = duration(f, "duration");
                        yield both(rate, d, Constant::new);
                    }
                    case "ramp" -> {
                        Optional<Double> from = rate(f, "from");
                        Optional<Double> to = rate(f, "to");
                        Optional<Double> d = duration(f, "duration");
                        yield from.isPresent() && to.isPresent() && d.isPresent()
                                ? Optional.of(new Ramp(from.get(), to.get(), d.get()))
                                : Optional.empty();
                    }
                    case "steps" -> steps(f);
                    case "spike" -> spike(f);
                    case "daily" -> daily(f);
                    case "replay" -> new ReplayReader(problems, baseDir).read(f);
                    default -> Optional.empty();
                };
        f.finish();
        return s;
    }

    private Optional<Shape> steps(Fields f) {
        if (!(f.node() instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
            return Optional.empty();
        }
        List<Node> items = f.list("rates");
        Optional<Double> each = duration(f, "each");
        if (!f.has("rates")) {
            f.require("rates", "list the rates, such as rates: [100/s, 200/s, 400/s]");
            return Optional.empty();
        }
        List<Steps.Step> steps = new ArrayList<>();
        boolean ok = each.isPresent() && !items.isEmpty();
        if (items.isEmpty()) {
            problems.add(
                    f.get("rates").get(),
                    f.pathOf("rates"),
                    "needs at least one rate",
                    "list the rates, such as [100/s, 200/s]");
        }
        for (int i = 0; i < items.size(); i++) {
            Optional<Double> r = Fields.parseScalar(
                    items.get(i),
                    f.pathOf("rates") + "[" + i + "]",
                    Limits.RATE.number(Quantities::ratePerSecond),
                    problems);
            ok &= r.isPresent();
            if (r.isPresent() && each.isPresent()) {
                steps.add(new Steps.Step(r.get(), each.get()));
            }
        }
        return ok ? Optional.of(new Steps(steps)) : Optional.empty();
    }

    private Optional<Shape> spike(Fields f) {
        Optional<Double> base = rate(f, "base");
        Optional<Double> peak = rate(f, "peak");
        double lead = optionalDuration(f, "lead");
        Optional<Double> rise = duration(f, "rise");
        Optional<Double> hold = duration(f, "hold");
        Optional<Double> decay = duration(f, "decay");
        double tail = optionalDuration(f, "tail");
        if (base.isEmpty() || peak.isEmpty() || rise.isEmpty() || hold.isEmpty() || decay.isEmpty()) {
            return Optional.empty();
        }
        if (peak.get() < base.get()) {
            problems.add(
                    f.get("peak").get(),
                    f.pathOf("peak"),
                    "a spike's peak must not be below its base",
                    "set peak at or above base (" + Quantities.formatRate(base.get()) + ")");
            return Optional.empty();
        }
        return Optional.of(new Spike(base.get(), peak.get(), lead, rise.get(), hold.get(), decay.get(), tail));
    }

    private Optional<Shape> daily(Fields f) {
        Optional<Double> base = rate(f, "base");
        double start = f.scalar("start", ProfileReader::timeOfDay).orElse(0.0);
        double duration = f.has("duration") ? duration(f, "duration").orElse(-1.0) : 86_400.0;
        List<Daily.Peak> peaks = new ArrayList<>();
        boolean ok = base.isPresent() && duration > 0;
        List<Node> items = f.list("peaks");
        for (int i = 0; i < items.size(); i++) {
            String p = f.pathOf("peaks") + "[" + i + "]";
            Fields pf = Fields.of(items.get(i), p, problems);
            String name = pf.scalar("name", s -> s).orElse("peak " + (i + 1));
            Optional<Double> at = pf.requiredScalar(
                    "at", ProfileReader::timeOfDay, "give the time of the peak, such as at: \"19:30\"");
            Optional<Double> rate = pf.requiredScalar(
                    "rate",
                    Limits.RATE.number(Quantities::ratePerSecond),
                    "give the rate at the peak, such as rate: 800/s");
            Optional<Double> width = pf.requiredScalar(
                    "width",
                    Limits.PROFILE_SECONDS.number(s -> Quantities.durationNanos(s) / 1e9),
                    "give how long the peak is above half its height, such as width: 90m");
            if (width.isPresent() && width.get() <= 0) {
                problems.add(
                        pf.get("width").get(),
                        pf.pathOf("width"),
                        "a peak's width must be longer than zero",
                        "write a width such as 90m");
                ok = false;
            }
            if (rate.isPresent() && base.isPresent() && rate.get() < base.get()) {
                problems.add(
                        pf.get("rate").get(),
                        pf.pathOf("rate"),
                        "a peak's rate must not be below the base rate",
                        "set it at or above " + Quantities.formatRate(base.get()));
                ok = false;
            }
            pf.finish();
            if (at.isPresent() && rate.isPresent() && width.isPresent()) {
                peaks.add(new Daily.Peak(name, rate.get(), at.get(), width.get()));
            } else {
                ok = false;
            }
        }
        return ok ? Optional.of(new Daily(base.get(), peaks, start, duration)) : Optional.empty();
    }

    private Optional<Double> rate(Fields f, String key) {
        return f.requiredScalar(
                key,
                Limits.RATE.number(Quantities::ratePerSecond),
                "give the " + key + " rate, such as " + key + ": 100/s");
    }

    private Optional<Double> duration(Fields f, String key) {
        Optional<Double> d = f.requiredScalar(
                key,
                Limits.PROFILE_SECONDS.number(s -> Quantities.durationNanos(s) / 1e9),
                "give the " + key + ", such as " + key + ": 5m");
        if (d.isPresent() && d.get() <= 0) {
            problems.add(f.get(key).get(), f.pathOf(key), "must be longer than zero", "write a duration such as 5m");
            return Optional.empty();
        }
        return d;
    }

    private static double optionalDuration(Fields f, String key) {
        return f.scalar(key, Limits.PROFILE_SECONDS.number(s -> Quantities.durationNanos(s) / 1e9))
                .orElse(0.0);
    }

    private static <A, B, R> Optional<R> both(Optional<A> a, Optional<B> b, java.util.function.BiFunction<A, B, R> fn) {
        return a.isPresent() && b.isPresent() ? Optional.of(fn.apply(a.get(), b.get())) : Optional.empty();
    }

    /** A time of day {@code HH:MM} or {@code HH:MM:SS}; returns seconds after midnight. */
    static double timeOfDay(String text) {
        String[] parts = text.trim().split(":");
        try {
            if (parts.length < 2 || parts.length > 3) {
                throw new NumberFormatException();
            }
            int h = Integer.parseInt(parts[0]);
            int m = Integer.parseInt(parts[1]);
            int s = parts.length == 3 ? Integer.parseInt(parts[2]) : 0;
            if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59) {
                throw new NumberFormatException();
            }
            return h * 3600.0 + m * 60.0 + s;
        } catch (NumberFormatException e) {
            throw new QuantityException("not a time of day", "write it as HH:MM in quotes, such as \"19:30\"");
        }
    }
}
