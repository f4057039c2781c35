package dev.headroom.model.spec;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.model.architecture.HealthCheck;
import dev.headroom.model.failure.FailureTargets;
import dev.headroom.model.failure.Failures;
import dev.headroom.model.units.Quantities;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads what a spec says about elasticity and failure: a pool's {@code autoscaling} group and
 * {@code zones}, a balancer's {@code healthCheck}, and the top-level {@code failures} and
 * {@code chaos}, checked against the architecture they name and the length of the run.
 */
final class ResilienceReader {
    private final Problems problems;

    ResilienceReader(Problems problems) {
        this.problems = problems;
    }

    /** {@code zones: [a, b]}: the availability zones the pool's instances are spread over. */
    List<String> zones(Fields pool) {
        if (!pool.has("zones")) {
            return List.of(Defaults.POOL_ZONE);
        }
        List<String> zones = new ArrayList<>();
        for (Node n : pool.list("zones")) {
            Fields.parseScalar(n, pool.pathOf("zones"), s -> s.trim(), problems).ifPresent(z -> {
                if (zones.contains(z) || z.isEmpty()) {
                    problems.add(
                            n, pool.pathOf("zones"), "zone names must be distinct and not empty", "name each once");
                } else {
                    zones.add(z);
                }
            });
        }
        return zones.isEmpty() ? List.of(Defaults.POOL_ZONE) : zones;
    }

    /** {@code autoscaling: {min, max, target, steps, schedule, lag...}} of a pool of {@code instances}. */
    Autoscaling autoscaling(Node node, String path, int instances, Node instancesNode) {
        Fields f = Fields.of(node, path, problems);
        int min = whole(f, "min", 1, 0, Limits.INSTANCES).orElse(1);
        int max = whole(f, "max", Math.max(1, instances), 1, Limits.INSTANCES).orElse(Math.max(1, instances));
        f.require("min", "give the fewest instances, such as min: 2");
        f.require("max", "give the most instances, such as max: 20");
        if (f.has("min") && f.has("max") && min > max) {
            problems.add(
                    f.get("min").get(),
                    f.pathOf("min"),
                    "min is above max (" + max + ")",
                    "make min at most max, such as min: " + max);
        } else if (f.has("min") && f.has("max") && (instances < min || instances > max)) {
            problems.add(
                    instancesNode,
                    "architecture.pool.instances",
                    String.valueOf(instances),
                    "the starting count must lie between the group's min (" + min + ") and max (" + max + ")",
                    "set instances between " + min + " and " + max);
        }
        Optional<Autoscaling.Target> target = f.get("target").flatMap(n -> target(n, f.pathOf("target")));
        List<Autoscaling.Step> steps = new ArrayList<>();
        List<Node> stepNodes = f.list("steps");
        for (int i = 0; i < stepNodes.size(); i++) {
            step(stepNodes.get(i), f.pathOf("steps") + "[" + i + "]").ifPresent(steps::add);
        }
        List<Autoscaling.Scheduled> schedule = new ArrayList<>();
        List<Node> scheduleNodes = f.list("schedule");
        for (int i = 0; i < scheduleNodes.size(); i++) {
            scheduled(scheduleNodes.get(i), f.pathOf("schedule") + "[" + i + "]")
                    .ifPresent(schedule::add);
        }
        for (int i = 0; i < schedule.size(); i++) {
            Autoscaling.Scheduled a = schedule.get(i);
            int most = Math.max(a.max().orElse(0), a.desired().orElse(0));
            if (most > max) {
                problems.add(
                        scheduleNodes.get(i),
                        f.pathOf("schedule") + "[" + i + "]",
                        null,
                        "a scheduled action asks for " + most + " instances, above the group's max (" + max + ")",
                        "raise the group's max, or lower the action's max and desired");
            }
        }
        long period = duration(f, "metricPeriod", Defaults.SCALING_METRIC_PERIOD);
        if (f.has("metricPeriod") && (period < 1_000_000_000L || period % 1_000_000_000L != 0)) {
            problems.add(
                    f.get("metricPeriod").get(),
                    f.pathOf("metricPeriod"),
                    "a metric period is a whole number of seconds, at least 1",
                    "write metricPeriod: 60s (CloudWatch's standard resolution)");
        }
        int out = whole(f, "scaleOutPeriods", Defaults.SCALE_OUT_PERIODS, 1, Limits.CHECKS)
                .orElse(Defaults.SCALE_OUT_PERIODS);
        int in = whole(f, "scaleInPeriods", Defaults.SCALE_IN_PERIODS, 1, Limits.CHECKS)
                .orElse(Defaults.SCALE_IN_PERIODS);
        long cooldown = duration(f, "cooldown", Defaults.SCALING_COOLDOWN);
        long warmup = duration(f, "warmup", Defaults.SCALING_WARMUP);
        long boot = duration(f, "boot", Defaults.INSTANCE_BOOT);
        f.finish();
        return new Autoscaling(
                Math.min(min, max),
                max,
                target,
                steps,
                schedule,
                Math.max(1_000_000_000L, period / 1_000_000_000L * 1_000_000_000L),
                out,
                in,
                cooldown,
                warmup,
                boot);
    }

    /** {@code target: {cpu: 50%}} or {@code target: {requests: 200/s}} (per instance). */
    private Optional<Autoscaling.Target> target(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Optional<Autoscaling.Target> t = Optional.empty();
        if (f.has("cpu") == f.has("requests")) {
            problems.add(
                    node,
                    path,
                    null,
                    "a target tracks one metric: cpu or requests",
                    "write target: {cpu: 50%} or target: {requests: 200/s}");
        } else if (f.has("cpu")) {
            t = f.scalar("cpu", Quantities::fraction)
                    .filter(v ->
                            inRange(f, "cpu", v, "a CPU target lies above 0% and at most 100%", "such as cpu: 50%"))
                    .map(v -> new Autoscaling.Target(Autoscaling.Metric.CPU, v));
        } else {
            t = f.scalar("requests", Limits.RATE.number(Quantities::ratePerSecond))
                    .filter(v -> positive(f, "requests", v, "such as requests: 200/s"))
                    .map(v -> new Autoscaling.Target(Autoscaling.Metric.REQUESTS, v));
        }
        f.finish();
        return t;
    }

    /** {@code {metric: cpu, above: 80%, add: 2}} or {@code {below: 20%, remove: 1}}. */
    private Optional<Autoscaling.Step> step(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Autoscaling.Metric metric = f.scalar(
                        "metric", s -> SpecLoader.enumValue(Autoscaling.Metric.class, s, List.of("cpu", "requests")))
                .orElse(Autoscaling.Metric.CPU);
        boolean above = f.has("above");
        Optional<Autoscaling.Step> step = Optional.empty();
        if (above == f.has("below") || f.has("add") == f.has("remove") || above != f.has("add")) {
            problems.add(
                    node,
                    path,
                    null,
                    "a step is either 'above' a threshold with 'add', or 'below' one with 'remove'",
                    "write {above: 80%, add: 2} or {below: 20%, remove: 1}");
        } else {
            String key = above ? "above" : "below";
            Optional<Double> threshold = f.scalar(
                    key,
                    metric == Autoscaling.Metric.CPU
                            ? Quantities::fraction
                            : Limits.RATE.number(Quantities::ratePerSecond));
            Optional<Integer> change =
                    whole(f, above ? "add" : "remove", 1, 1, Limits.INSTANCES).map(c -> above ? c : -c);
            if (threshold.isPresent() && change.isPresent()) {
                step = Optional.of(new Autoscaling.Step(metric, above, threshold.get(), change.get()));
            }
        }
        f.finish();
        return step;
    }

    /** {@code {at: 30m, min: 10, max: 40, desired: 12}}: any of the three counts. */
    private Optional<Autoscaling.Scheduled> scheduled(Node node, String path) {
        Fields f = Fields.of(node, path, problems);
        Optional<Long> at = f.requiredScalar("at", Quantities::durationNanos, "say when, such as at: 30m");
        OptionalInt min = optionalInt(f, "min", 0);
        OptionalInt max = optionalInt(f, "max", 1);
        OptionalInt desired = optionalInt(f, "desired", 0);
        if (min.isEmpty() && max.isEmpty() && desired.isEmpty()) {
            problems.add(node, path, null, "a scheduled action changes min, max or desired", "add desired: 10");
        }
        if (min.isPresent() && max.isPresent() && min.getAsInt() > max.getAsInt()) {
            problems.add(f.get("min").get(), f.pathOf("min"), "min is above max", "make min at most max");
        }
        f.finish();
        atNodes.add(new Timed(at.orElse(0L), f.get("at").orElse(node), f.pathOf("at")));
        return at.map(t -> new Autoscaling.Scheduled(t, min, max, desired));
    }

    /** {@code healthCheck: {interval, healthy, unhealthy}} and {@code deregistrationDelay} of a balancer. */
    HealthCheck healthCheck(Fields lb) {
        HealthCheck d = HealthCheck.DEFAULT;
        long interval = d.intervalNanos();
        int healthy = d.healthyThreshold();
        int unhealthy = d.unhealthyThreshold();
        Optional<Node> hc = lb.get("healthCheck");
        if (hc.isPresent()) {
            Fields f = Fields.of(hc.get(), lb.pathOf("healthCheck"), problems);
            interval = duration(f, "interval", Defaults.HEALTH_CHECK_INTERVAL);
            if (f.has("interval") && interval <= 0) {
                problems.add(f.get("interval").get(), f.pathOf("interval"), "must be longer than zero", "such as 30s");
            }
            healthy = whole(f, "healthy", healthy, 1, Limits.CHECKS).orElse(healthy);
            unhealthy = whole(f, "unhealthy", unhealthy, 1, Limits.CHECKS).orElse(unhealthy);
            f.finish();
        }
        long delay = duration(lb, "deregistrationDelay", Defaults.DEREGISTRATION_DELAY);
        return new HealthCheck(Math.max(1, interval), healthy, unhealthy, Math.max(0, delay));
    }

    /** Reports {@code autoscaling:} under a tier that cannot scale (the database, cache, balancer, queue). */
    void cannotScale(Fields f, String tier) {
        f.get("autoscaling")
                .ifPresent(n -> problems.add(
                        n,
                        f.pathOf("autoscaling"),
                        null,
                        "only the pool can autoscale; " + tier + " cannot add nodes by itself",
                        "move autoscaling under architecture.pool, or size " + tier + " by hand"));
    }

    // ---- failures

    /** A time read from the spec with where it was written, checked against the run's length later. */
    private record Timed(long nanos, Node node, String path) {}

    private final List<Timed> atNodes = new ArrayList<>();

    /** {@code failures: [{at, kill, zone, restore}]} and {@code chaos: {groups, every | rate}}. */
    Failures failures(Optional<Node> failuresNode, Optional<Node> chaosNode, Architecture a) {
        List<String> valid = FailureTargets.all(a);
        List<Failures.Failure> list = new ArrayList<>();
        List<Node> items =
                failuresNode.map(n -> Fields.items(n, "failures", problems)).orElse(List.of());
        for (int i = 0; i < items.size(); i++) {
            failure(items.get(i), "failures[" + i + "]", a, valid).ifPresent(list::add);
        }
        Optional<Failures.Chaos> chaos = chaosNode.flatMap(n -> chaos(n, a));
        return new Failures(list, chaos);
    }

    private Optional<Failures.Failure> failure(Node node, String path, Architecture a, List<String> valid) {
        Fields f = Fields.of(node, path, problems);
        Optional<Long> at = f.requiredScalar("at", Quantities::durationNanos, "say when, such as at: 10m");
        Optional<String> component = f.requiredScalar(
                        "kill", String::trim, "name the component to lose, such as kill: " + valid.get(0))
                .filter(c -> {
                    if (valid.contains(c)) {
                        return true;
                    }
                    problems.add(
                            f.get("kill").get(), f.pathOf("kill"), c, "no such component", Names.suggest(c, valid));
                    return false;
                });
        Optional<String> zone = f.scalar("zone", String::trim);
        if (zone.isPresent() && component.isPresent()) {
            if (!component.get().equals(a.pool().name())) {
                problems.add(
                        f.get("zone").get(),
                        f.pathOf("zone"),
                        zone.get(),
                        "a zone picks the instances of a group",
                        "write kill: " + a.pool().name() + " with the zone, or leave the zone out");
            } else if (!a.pool().zones().contains(zone.get())) {
                problems.add(
                        f.get("zone").get(),
                        f.pathOf("zone"),
                        zone.get(),
                        "the pool has no instances in that zone",
                        Names.suggest(zone.get(), a.pool().zones()));
            }
        }
        Optional<Long> restore = f.scalar("restore", Quantities::durationNanos);
        if (at.isPresent() && restore.isPresent() && restore.get() <= at.get()) {
            problems.add(
                    f.get("restore").get(),
                    f.pathOf("restore"),
                    "the restore comes before the failure (at " + Quantities.formatDuration(at.get()) + ")",
                    "restore after the failure, or leave restore out");
        }
        at.ifPresent(t -> atNodes.add(new Timed(t, f.get("at").get(), f.pathOf("at"))));
        restore.ifPresent(t -> atNodes.add(new Timed(t, f.get("restore").get(), f.pathOf("restore"))));
        f.finish();
        if (at.isEmpty() || component.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Failures.Failure(
                at.get(), component.get(), zone, restore.map(OptionalLong::of).orElse(OptionalLong.empty())));
    }

    private Optional<Failures.Chaos> chaos(Node node, Architecture a) {
        Fields f = Fields.of(node, "chaos", problems);
        List<String> groups = new ArrayList<>();
        for (Node g : f.list("groups")) {
            Fields.parseScalar(g, "chaos.groups", String::trim, problems).ifPresent(name -> {
                if (name.equals(a.pool().name())) {
                    groups.add(name);
                } else {
                    problems.add(
                            g,
                            "chaos.groups",
                            name,
                            "chaos kills instances of a group, and there is no such group",
                            Names.suggest(name, List.of(a.pool().name())));
                }
            });
        }
        if (!f.has("groups")) {
            f.require(
                    "groups",
                    "name the groups whose instances are killed, such as groups: ["
                            + a.pool().name() + "]");
        }
        double perHour = 0;
        if (f.has("every") == f.has("rate")) {
            problems.add(
                    node,
                    "chaos",
                    null,
                    "chaos kills at a rate: give every or rate, not both",
                    "write every: 10m, or rate: 6/h");
        } else if (f.has("every")) {
            long every = f.scalar("every", Quantities::durationNanos).orElse(0L);
            if (every > 0) {
                perHour = 3600e9 / every;
            } else if (f.get("every").isPresent()) {
                problems.add(f.get("every").get(), "chaos.every", "must be longer than zero", "such as every: 10m");
            }
        } else {
            perHour = f.scalar("rate", Quantities::ratePerSecond).orElse(0.0) * 3600;
            if (!(perHour > 0)) {
                problems.add(f.get("rate").get(), "chaos.rate", "must be above zero", "such as rate: 6/h");
            }
        }
        Node rateNode = f.get("every").or(() -> f.get("rate")).orElse(node);
        String ratePath = f.has("every") ? "chaos.every" : "chaos.rate";
        if (perHour > 0 && !Limits.CHAOS_PER_HOUR.within(perHour, rateNode, ratePath, problems)) {
            perHour = 0;
        }
        f.finish();
        if (groups.isEmpty() || !(perHour > 0)) {
            return Optional.empty();
        }
        return Optional.of(new Failures.Chaos(groups, perHour));
    }

    /** Reports every failure, restore and scheduled action timed outside the run. */
    void checkTimes(double runSeconds) {
        long end = (long) Math.ceil(runSeconds * 1e9);
        for (Timed t : atNodes) {
            if (t.nanos() < 0 || t.nanos() > end) {
                problems.add(
                        t.node(),
                        t.path(),
                        "is outside the run, which lasts " + Quantities.formatDuration(end),
                        "give a time between 0s and " + Quantities.formatDuration(end));
            }
        }
    }

    // ---- small readers

    private Optional<Integer> whole(Fields f, String key, int fallback, int min, Limits.Limit bound) {
        Optional<Long> v = f.scalar(key, text -> bound.check(Quantities.wholeNumber(text)));
        if (v.isEmpty()) {
            return f.has(key) ? Optional.empty() : Optional.of(fallback);
        }
        if (v.get() < min) {
            problems.add(
                    f.get(key).get(),
                    f.pathOf(key),
                    "must be at least " + min,
                    "set " + key + " between " + min + " and " + bound.shown());
            return Optional.empty();
        }
        return Optional.of(v.get().intValue());
    }

    private OptionalInt optionalInt(Fields f, String key, int min) {
        if (!f.has(key)) {
            return OptionalInt.empty();
        }
        return whole(f, key, min, min, Limits.INSTANCES).map(OptionalInt::of).orElse(OptionalInt.empty());
    }

    private static long duration(Fields f, String key, String fallback) {
        long v = f.scalar(key, Limits.TIMEOUT_SECONDS.nanos(Quantities::durationNanos))
                .orElse(Quantities.durationNanos(fallback));
        if (f.has(key) && v < 0) {
            f.problems().add(f.get(key).get(), f.pathOf(key), "must not be negative", "such as " + fallback);
            return 0;
        }
        return v;
    }

    private boolean inRange(Fields f, String key, double v, String rule, String fix) {
        if (v > 0 && v <= 1) {
            return true;
        }
        problems.add(f.get(key).get(), f.pathOf(key), rule, fix);
        return false;
    }

    private boolean positive(Fields f, String key, double v, String fix) {
        if (v > 0) {
            return true;
        }
        problems.add(f.get(key).get(), f.pathOf(key), "must be above zero", fix);
        return false;
    }
}
