package dev.headroom.model.spec;

import dev.headroom.model.units.Quantities;
import dev.headroom.model.workload.Distribution;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads a time distribution: a plain duration ({@code 5ms}, always that value), or one of
 * {@code constant: 5ms}, {@code exponential: 5ms} (the mean), {@code lognormal: {mean: 5ms, p99:
 * 40ms}}, {@code empirical: [1ms, 2ms, 9ms]}.
 */
final class DistributionReader {
    static final List<String> KINDS = List.of("constant", "exponential", "lognormal", "empirical");

    /** Every time a distribution is read from, bounded by {@link Limits#SERVICE_SECONDS}. */
    private static final Function<String, Long> SERVICE_TIME = Limits.SERVICE_SECONDS.nanos(Quantities::durationNanos);

    private final Problems problems;

    DistributionReader(Problems problems) {
        this.problems = problems;
    }

    Optional<Distribution> read(Node node, String path) {
        if (node instanceof ScalarNode) {
            return Fields.parseScalar(node, path, SERVICE_TIME, problems).map(Distribution.Fixed::new);
        }
        Fields f = Fields.of(node, path, problems);
        if (f.keys().size() != 1) {
            problems.add(
                    node,
                    path,
                    "must name exactly one distribution",
                    "write one of: " + String.join(", ", KINDS) + ", such as {exponential: 5ms}");
            KINDS.forEach(f::has);
            f.finish();
            return Optional.empty();
        }
        String kind = f.keys().iterator().next();
        Optional<Distribution> result =
                switch (kind) {
                    case "constant" -> f.scalar("constant", SERVICE_TIME).map(Distribution.Fixed::new);
                    case "exponential" -> f.scalar("exponential", SERVICE_TIME)
                            .flatMap(mean -> positiveMean(f, "exponential", mean))
                            .map(m -> new Distribution.Exponential(m));
                    case "lognormal" -> f.get("lognormal").flatMap(n -> logNormal(n, f.pathOf("lognormal")));
                    case "empirical" -> empirical(f);
                    default -> {
                        KINDS.forEach(f::has);
                        yield Optional.empty();
                    }
                };
        f.finish();
        return result;
    }

    private Optional<Double> positiveMean(Fields f, String key, long mean) {
        if (mean <= 0) {
            problems.add(
                    f.get(key).get(), f.pathOf(key), "the mean must be longer than zero", "write a mean such as 5ms");
            return Optional.empty();
        }
        return Optional.of((double) mean);
    }

    private Optional<Distribution> logNormal(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Optional<Long> mean = f.requiredScalar("mean", SERVICE_TIME, "give the mean, such as mean: 5ms");
        Optional<Long> p99 = f.requiredScalar("p99", SERVICE_TIME, "give the 99th percentile, such as p99: 40ms");
        f.finish();
        if (mean.isEmpty() || p99.isEmpty()) {
            return Optional.empty();
        }
        if (mean.get() <= 0) {
            problems.add(
                    f.get("mean").get(),
                    f.pathOf("mean"),
                    "the mean must be longer than zero",
                    "write a mean such as 5ms");
            return Optional.empty();
        }
        double ratio = (double) p99.get() / mean.get();
        if (ratio <= 1) {
            problems.add(
                    f.get("p99").get(),
                    f.pathOf("p99"),
                    "a log-normal's p99 must be above its mean",
                    "set p99 above " + Quantities.formatDuration(mean.get()));
            return Optional.empty();
        }
        double max = Distribution.LogNormal.maxP99OverMean();
        if (ratio > max) {
            problems.add(
                    f.get("p99").get(),
                    f.pathOf("p99"),
                    String.format(java.util.Locale.US, "no log-normal has a p99 over %.2f times its mean", max),
                    "lower p99 to at most " + Quantities.formatDuration(floorToShown((long) (mean.get() * max)))
                            + ", or use an empirical distribution");
            return Optional.empty();
        }
        return Optional.of(new Distribution.LogNormal(mean.get(), p99.get()));
    }

    /**
     * The largest duration at or below {@code nanos} that {@link Quantities#formatDuration} writes
     * exactly (it keeps three decimals), so a suggested bound can be copied and is accepted.
     */
    private static long floorToShown(long nanos) {
        long step = nanos >= 1_000_000_000L ? 1_000_000L : nanos >= 1_000_000L ? 1_000L : 1L;
        return nanos - nanos % step;
    }

    private Optional<Distribution> empirical(Fields f) {
        List<Node> items = f.list("empirical");
        List<Long> values = new ArrayList<>();
        boolean ok = f.has("empirical") && !items.isEmpty();
        for (int i = 0; i < items.size(); i++) {
            Optional<Long> v =
                    Fields.parseScalar(items.get(i), f.pathOf("empirical") + "[" + i + "]", SERVICE_TIME, problems);
            v.ifPresent(values::add);
            ok &= v.isPresent();
        }
        if (f.has("empirical") && items.isEmpty()) {
            problems.add(
                    f.get("empirical").get(),
                    f.pathOf("empirical"),
                    "needs at least one observed value",
                    "list observed times, such as [2ms, 3ms, 11ms]");
        }
        return ok ? Optional.of(new Distribution.Empirical(values)) : Optional.empty();
    }
}
