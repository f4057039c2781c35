package dev.headroom.sim;

import dev.headroom.model.architecture.Architecture;
import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.model.failure.FailureTargets;
import dev.headroom.model.failure.Failures;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.EventKind;
import dev.headroom.model.spec.Spec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Scheduled and random failures, and the group's scheduled actions: each planned action comes due
 * as an event and acts on its target, found by its {@link FailureTargets} name, through
 * {@link FailureTarget}'s fail and restore. The chaos policy kills random in-service instances of
 * the groups it names, at exponential intervals.
 */
final class FailureInjector {
    private static final FailureTarget NONE = new FailureTarget() {
        @Override
        public void fail(Failures.Failure f) {}

        @Override
        public void restore(Failures.Failure f) {}
    };

    private final Engine engine;
    private final RunEvents events;
    private final Group group;
    private final Map<String, FailureTarget> targets = new HashMap<>();
    private final List<String> balancerNames;
    private final List<Action> actions = new ArrayList<>();
    private final List<Long> chaosTimes = new ArrayList<>();
    private final RandomStream chaosVictims;
    private final boolean chaosKillsPool;
    private final int actionKind;
    private final int chaosKillKind;

    FailureInjector(
            Engine engine,
            RunEvents events,
            Spec spec,
            long seed,
            long windowNanos,
            Group group,
            Front front,
            CacheStage cache,
            DatabaseFailures databaseFailures,
            FailureTarget.Losses losses) {
        this.engine = engine;
        this.events = events;
        this.group = group;
        Architecture a = spec.architecture();
        this.balancerNames = FailureTargets.balancers(a);
        addTargets(a, front, cache, databaseFailures, losses);
        for (Failures.Failure f : spec.failures().scheduled()) {
            actions.add(new Action.Lose(f.atNanos(), f));
            f.restoreNanos().ifPresent(t -> actions.add(new Action.Restore(t, f)));
        }
        a.pool().autoscaling().ifPresent(scaling -> {
            for (Autoscaling.Scheduled s : scaling.schedule()) {
                actions.add(new Action.Schedule(s.atNanos(), s));
            }
        });
        actions.sort(Comparator.comparingLong(Action::atNanos));
        RandomStream chaosTimesRandom = RandomStream.of(seed, "chaos");
        this.chaosVictims = RandomStream.of(seed, "chaos-victims");
        this.chaosKillsPool = spec.failures()
                .chaos()
                .map(c -> c.groups().contains(a.pool().name()))
                .orElse(false);
        spec.failures().chaos().ifPresent(c -> {
            double meanNanos = 3600e9 / c.perHour();
            double t = chaosTimesRandom.exponential(meanNanos);
            while (t < windowNanos) {
                chaosTimes.add((long) t);
                t += chaosTimesRandom.exponential(meanNanos);
            }
        });
        this.actionKind = group.register(i -> actions.get(i).apply(this));
        this.chaosKillKind = group.register(i -> {
            if (chaosKillsPool) {
                group.killRandom(chaosVictims::nextInt, "killed by the chaos policy");
            }
        });
    }

    private void addTargets(
            Architecture a, Front front, CacheStage cache, DatabaseFailures db, FailureTarget.Losses losses) {
        String pool = a.pool().name();
        targets.put(pool, target(f -> group.groupFailure(f, false), f -> group.groupFailure(f, true)));
        for (int i = 1; i <= a.pool().instances(); i++) {
            int number = i;
            targets.put(pool + "-" + i, target(f -> group.killNumber(number, "killed on schedule"), f -> {}));
        }
        List<String> balancers = balancerNames;
        for (int i = 0; i < balancers.size(); i++) {
            int b = i;
            targets.put(
                    balancers.get(i),
                    target(f -> balancer(front, b, false, losses), f -> balancer(front, b, true, losses)));
        }
        if (balancers.size() > 1) {
            targets.put("lb", target(f -> allBalancers(front, false, losses), f -> allBalancers(front, true, losses)));
        }
        targets.put("cache", target(f -> cache(cache, false), f -> cache(cache, true)));
        List<String> nodes = FailureTargets.databaseNodes(a);
        for (int k = 0; k < nodes.size(); k++) {
            int node = k;
            targets.put(nodes.get(k), target(f -> db.node(node, false), f -> db.node(node, true)));
        }
    }

    private static FailureTarget target(Consumer<Failures.Failure> fail, Consumer<Failures.Failure> restore) {
        return new FailureTarget() {
            @Override
            public void fail(Failures.Failure f) {
                fail.accept(f);
            }

            @Override
            public void restore(Failures.Failure f) {
                restore.accept(f);
            }
        };
    }

    FailureTarget target(Failures.Failure f) {
        return targets.getOrDefault(f.component(), NONE);
    }

    Group group() {
        return group;
    }

    void scheduleAll() {
        for (int i = 0; i < actions.size(); i++) {
            engine.schedule(Math.max(1, actions.get(i).atNanos()), actionKind, i);
        }
        for (int i = 0; i < chaosTimes.size(); i++) {
            engine.schedule(chaosTimes.get(i), chaosKillKind, i);
        }
    }

    private void allBalancers(Front front, boolean restore, FailureTarget.Losses losses) {
        for (int i = 0; i < front.balancerCount(); i++) {
            balancer(front, i, restore, losses);
        }
    }

    private void balancer(Front front, int i, boolean restore, FailureTarget.Losses losses) {
        if (restore) {
            front.restore(i);
        } else {
            front.fail(i);
        }
        String name = balancerNames.get(i);
        events.event(
                name,
                restore ? EventKind.LB_RESTORED : EventKind.LB_LOST,
                name + (restore ? " is back" : " is lost: clients DNS sends to it are refused"));
        if (!restore) {
            losses.lose(r -> r.routed && r.balancer == i, ErrorKind.LB_FAILED);
        }
    }

    private void cache(CacheStage cache, boolean restore) {
        if (cache != null && restore) {
            cache.restore();
        } else if (cache != null) {
            cache.fail();
        }
        events.event(
                "cache",
                restore ? EventKind.CACHE_RESTORED : EventKind.CACHE_LOST,
                restore
                        ? "the cache is back (cold: not modelled)"
                        : "the cache is lost: every read goes to the database");
    }
}
