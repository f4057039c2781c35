package dev.headroom.sim;

import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.model.architecture.Database;
import dev.headroom.model.architecture.HealthCheck;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.failure.FailureTargets;
import dev.headroom.model.failure.Failures;
import dev.headroom.model.random.RandomStream;
import dev.headroom.model.run.Availability;
import dev.headroom.model.spec.Defaults;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.units.Quantities;
import dev.headroom.sim.component.CpuCredits;
import dev.headroom.sim.component.Station;
import dev.headroom.sim.fleet.Autoscaler;
import dev.headroom.sim.fleet.Fleet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capacity that changes during a run: the pool's instances launched, registered, drained and
 * killed; the group's policies; scheduled and random failures of instances, balancers, the cache
 * and database nodes, with failover; and the availability they leave. Lives beside the
 * {@link Simulation} it drives and is created only for a spec with autoscaling or failures, so a
 * fixed system runs exactly as before.
 */
final class Elasticity {
    private static final int SLOT_BITS = 16;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;

    private final Simulation sim;
    private final Spec spec;
    private final Fleet fleet;
    private final Pool pool;
    private final HealthCheck healthCheck;
    private final Autoscaler autoscaler;
    private final Autoscaling scaling;
    private final long bootNanos;
    private final long warmupNanos;
    private final long metricPeriodTicks;
    private final long windowNanos;
    private final List<Action> actions = new ArrayList<>();
    private final List<Long> chaosTimes = new ArrayList<>();
    private final RandomStream chaosVictims;

    final boolean[] lbDown;
    boolean cacheDown;
    final double[] cpuBusySeconds;
    long periodRequests;

    private double periodBusy;
    private double periodCapacity;
    private double periodInstanceSeconds;
    private long ticks;
    private double billedInWindow;
    private long billedSince;

    private final double target;
    private long minuteOk;
    private long minuteBad;
    private int minuteTicks;
    private final List<Double> perMinute = new ArrayList<>();
    private double downtimeSeconds;

    /** A failure or a restore at a time, or a scheduled action of the group. */
    private record Action(long atNanos, Failures.Failure failure, boolean restore, Autoscaling.Scheduled scheduled) {}

    Elasticity(Simulation sim, Spec spec, long seed, long windowNanos) {
        this.sim = sim;
        this.spec = spec;
        this.fleet = sim.fleet;
        this.pool = spec.architecture().pool();
        this.healthCheck =
                spec.architecture().lb().map(LoadBalancer::healthCheck).orElse(HealthCheck.DEFAULT);
        this.scaling = pool.autoscaling().orElse(null);
        this.autoscaler = scaling == null ? null : new Autoscaler(scaling);
        this.bootNanos = scaling != null ? scaling.bootNanos() : Quantities.durationNanos(Defaults.INSTANCE_BOOT);
        this.warmupNanos = scaling != null ? scaling.warmupNanos() : 0;
        this.metricPeriodTicks = scaling != null ? scaling.metricPeriodNanos() / Simulation.INTERVAL_NANOS : 60;
        this.windowNanos = windowNanos;
        this.lbDown = new boolean[sim.balancers == null ? 0 : sim.balancers.length];
        this.cpuBusySeconds = new double[fleet.slots()];
        this.target = 1 - spec.goals().maxErrorRate().orElse(1 - Defaults.AVAILABILITY_TARGET);
        for (Failures.Failure f : spec.failures().scheduled()) {
            actions.add(new Action(f.atNanos(), f, false, null));
            f.restoreNanos().ifPresent(t -> actions.add(new Action(t, f, true, null)));
        }
        if (scaling != null) {
            for (Autoscaling.Scheduled a : scaling.schedule()) {
                actions.add(new Action(a.atNanos(), null, false, a));
            }
        }
        actions.sort(Comparator.comparingLong(Action::atNanos));
        RandomStream chaosTimesRandom = RandomStream.of(seed, "chaos");
        this.chaosVictims = RandomStream.of(seed, "chaos-victims");
        spec.failures().chaos().ifPresent(c -> {
            double meanNanos = 3600e9 / c.perHour();
            double t = chaosTimesRandom.exponential(meanNanos);
            while (t < windowNanos) {
                chaosTimes.add((long) t);
                t += chaosTimesRandom.exponential(meanNanos);
            }
        });
    }

    void scheduleAll() {
        for (int i = 0; i < actions.size(); i++) {
            sim.events.schedule(Math.max(1, actions.get(i).atNanos()), Simulation.FAULT, i);
        }
        for (int i = 0; i < chaosTimes.size(); i++) {
            sim.events.schedule(chaosTimes.get(i), Simulation.CHAOS_KILL, i);
        }
    }

    void on(int kind, int arg) {
        advanceBilling();
        switch (kind) {
            case Simulation.INSTANCE_BOOTED -> onSlot(arg, Fleet.BOOTING, this::booted);
            case Simulation.INSTANCE_HEALTHY -> onSlot(arg, Fleet.REGISTERING, this::healthy);
            case Simulation.INSTANCE_DETECTED -> onSlot(arg, Fleet.DEAD, this::detected);
            case Simulation.DRAIN_DEADLINE -> onSlot(arg, Fleet.DRAINING, this::drainDeadline);
            case Simulation.FAULT -> action(actions.get(arg));
            case Simulation.FAILOVER -> failover(arg);
            case Simulation.CHAOS_KILL -> chaosKill();
            default -> throw new IllegalStateException("unknown event kind " + kind);
        }
    }

    private void onSlot(int arg, int expected, java.util.function.IntConsumer handler) {
        int slot = arg & SLOT_MASK;
        if (fleet.epoch(slot) == arg >>> SLOT_BITS && fleet.state(slot) == expected) {
            handler.accept(slot);
        }
    }

    private int encode(int slot) {
        return slot | (fleet.epoch(slot) & 0x7FFF) << SLOT_BITS;
    }

    private String instance(int slot) {
        return pool.name() + "-" + fleet.number(slot);
    }

    // ---- the group: launch, register, serve, drain

    private void booted(int slot) {
        fleet.setState(slot, Fleet.REGISTERING);
        sim.events.schedule(sim.now + healthCheck.toHealthyNanos(), Simulation.INSTANCE_HEALTHY, encode(slot));
    }

    private void healthy(int slot) {
        fleet.markInService(slot, sim.now);
        updateCapacity();
        sim.event(
                pool.name(),
                "instance-in-service",
                instance(slot) + " (zone " + fleet.zoneName(slot) + ") passed " + healthCheck.healthyThreshold()
                        + " health checks and takes traffic");
    }

    private void detected(int slot) {
        fleet.setState(slot, Fleet.GHOST);
        sim.event(
                pool.name(),
                "instance-unhealthy",
                instance(slot) + " failed " + healthCheck.unhealthyThreshold()
                        + " health checks: taken out of service; the group replaces it");
        reconcile();
    }

    private void drainDeadline(int slot) {
        failOnSlot(slot);
        fleet.setState(slot, Fleet.GHOST);
        sim.event(pool.name(), "drain-timeout", instance(slot) + " still had requests at the deregistration delay");
    }

    /** Launches or removes instances until the live count meets the desired count. */
    private void reconcile() {
        while (fleet.liveCount() < fleet.desired) {
            int slot = fleet.launch(this::slotEmpty);
            if (slot < 0) {
                return;
            }
            prepare(slot);
            sim.events.schedule(sim.now + bootNanos, Simulation.INSTANCE_BOOTED, encode(slot));
        }
        while (fleet.liveCount() > fleet.desired) {
            int slot = fleet.pickToRemove();
            if (slot < 0) {
                return;
            }
            if (fleet.state(slot) == Fleet.IN_SERVICE) {
                fleet.setState(slot, Fleet.DRAINING);
                sim.events.schedule(
                        sim.now + healthCheck.deregistrationDelayNanos(), Simulation.DRAIN_DEADLINE, encode(slot));
            } else {
                fleet.setState(slot, Fleet.GHOST);
            }
        }
        updateCapacity();
    }

    private void prepare(int slot) {
        sim.cpuSpeed[slot] = 1.0;
        if (sim.poolCredits != null) {
            sim.poolCredits[slot] = new CpuCredits(pool.machine().orElseThrow());
        }
        closePoolConnections(slot);
    }

    private boolean slotEmpty(int slot) {
        Station w = sim.workers[slot];
        return w.busy() == 0 && !w.hasWaiting();
    }

    /** A stopped instance's connection pools close: their connections are the database's again. */
    private void closePoolConnections(int slot) {
        if (sim.poolOpen == null) {
            return;
        }
        for (int j = 0; j < sim.nodes.length; j++) {
            while (sim.poolOpen[slot][j] > 0) {
                sim.poolOpen[slot][j]--;
                int handed = sim.nodes[j].connections.releaseToNext(sim.now);
                if (handed >= 0) {
                    Request next = sim.requests.get(handed);
                    next.connectionNode = j;
                    sim.queryOnNode(next);
                }
            }
        }
    }

    private void updateCapacity() {
        int inService = fleet.count(Fleet.IN_SERVICE) + fleet.count(Fleet.DRAINING);
        sim.workersGauge.setCapacity(
                sim.now, pool.workers() == Pool.UNLIMITED ? -1 : (long) pool.workers() * inService);
        sim.cpuGauge.setCapacity(sim.now, (long) pool.cores() * inService);
    }

    // ---- every second

    void tick(double seconds) {
        advanceBilling();
        for (int i = 0; i < fleet.slots(); i++) {
            int s = fleet.state(i);
            if ((s == Fleet.GHOST || s == Fleet.DRAINING) && slotEmpty(i)) {
                fleet.setState(i, Fleet.FREE);
                closePoolConnections(i);
            }
            if (s == Fleet.IN_SERVICE) {
                periodInstanceSeconds += seconds;
                if (sim.now - fleet.inServiceAt(i) >= warmupNanos) {
                    periodBusy += cpuBusySeconds[i];
                    periodCapacity += sim.cpus[i].servers() * seconds;
                }
            }
        }
        ticks++;
        if (autoscaler != null && ticks % metricPeriodTicks == 0) {
            evaluate();
        }
        reconcile();
    }

    private void evaluate() {
        double cpu = periodCapacity == 0 ? 0 : periodBusy / periodCapacity;
        double perInstance = periodInstanceSeconds == 0 ? 0 : periodRequests / periodInstanceSeconds;
        int counted = 0;
        boolean warming = fleet.count(Fleet.BOOTING) + fleet.count(Fleet.REGISTERING) > 0;
        for (int i = 0; i < fleet.slots(); i++) {
            if (fleet.state(i) == Fleet.IN_SERVICE) {
                if (sim.now - fleet.inServiceAt(i) >= warmupNanos) {
                    counted++;
                } else {
                    warming = true;
                }
            }
        }
        Autoscaler.Decision d =
                autoscaler.evaluate(sim.now, cpu, perInstance, counted, fleet.desired, fleet.min, fleet.max, warming);
        periodBusy = 0;
        periodCapacity = 0;
        periodInstanceSeconds = 0;
        periodRequests = 0;
        if (d != null && d.desired() != fleet.desired) {
            sim.event(
                    pool.name(),
                    d.desired() > fleet.desired ? "scale-out" : "scale-in",
                    "desired " + fleet.desired + " -> " + d.desired() + ": " + d.reason());
            fleet.desired = d.desired();
            reconcile();
        }
    }

    /** The group's counts for the timeline. */
    Map<String, Double> groupMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("desired", (double) fleet.desired);
        m.put("starting", (double) (fleet.count(Fleet.BOOTING) + fleet.count(Fleet.REGISTERING)));
        m.put("inService", (double) fleet.count(Fleet.IN_SERVICE));
        m.put("draining", (double) fleet.count(Fleet.DRAINING));
        m.put("dead", (double) fleet.count(Fleet.DEAD));
        return m;
    }

    /**
     * Adds the billed instances' time since the last change, within the run's window. Called
     * before anything can change the fleet (every event and tick), so the sum is exact.
     */
    private void advanceBilling() {
        long to = Math.min(sim.now, windowNanos);
        if (to > billedSince) {
            int billed = 0;
            for (int i = 0; i < fleet.slots(); i++) {
                billed += fleet.billed(i) ? 1 : 0;
            }
            billedInWindow += billed * (to - billedSince) / 1e9;
            billedSince = to;
        }
    }

    double instanceSecondsInWindow() {
        advanceBilling();
        return billedInWindow;
    }

    // ---- failures

    private void action(Action a) {
        if (a.scheduled() != null) {
            Autoscaling.Scheduled s = a.scheduled();
            s.min().ifPresent(v -> fleet.min = v);
            s.max().ifPresent(v -> fleet.max = Math.min(v, fleet.slots() / 2));
            fleet.min = Math.min(fleet.min, fleet.max);
            int desired = s.desired().orElse(fleet.desired);
            fleet.desired = Math.max(fleet.min, Math.min(fleet.max, desired));
            sim.event(
                    pool.name(),
                    "scheduled-action",
                    "min " + fleet.min + ", max " + fleet.max + ", desired " + fleet.desired);
            reconcile();
            return;
        }
        Failures.Failure f = a.failure();
        String c = f.component();
        String verb = a.restore() ? "restored" : "lost";
        if (c.equals(pool.name())) {
            groupFailure(f, a.restore());
        } else if (c.startsWith(pool.name() + "-")
                && isNumber(c.substring(pool.name().length() + 1))) {
            if (!a.restore()) {
                int slot = fleet.slotOfNumber(
                        Integer.parseInt(c.substring(pool.name().length() + 1)));
                if (slot >= 0) {
                    kill(slot, "killed on schedule");
                }
            }
        } else if (FailureTargets.balancers(spec.architecture()).contains(c) || c.equals("lb")) {
            List<String> names = FailureTargets.balancers(spec.architecture());
            for (int i = 0; i < lbDown.length; i++) {
                if (c.equals("lb") || names.get(i).equals(c)) {
                    balancer(i, a.restore());
                }
            }
        } else if (c.equals("cache")) {
            cacheDown = !a.restore();
            sim.event(
                    "cache",
                    "cache-" + verb,
                    a.restore()
                            ? "the cache is back (cold: not modelled)"
                            : "the cache is lost: every read goes to the database");
        } else {
            for (int k = 0; k < sim.nodes.length; k++) {
                if (sim.nodes[k].name.equals(c)) {
                    databaseNode(k, a.restore());
                }
            }
        }
    }

    private static boolean isNumber(String s) {
        return !s.isEmpty() && s.chars().allMatch(Character::isDigit);
    }

    private void groupFailure(Failures.Failure f, boolean restore) {
        int zone = f.zone().map(fleet::zoneIndex).orElse(-1);
        if (zone >= 0) {
            fleet.setZoneDown(zone, !restore);
            sim.event(
                    pool.name(),
                    restore ? "zone-restored" : "zone-lost",
                    "zone " + f.zone().get() + (restore ? " is back" : " is lost"));
        }
        if (restore) {
            reconcile();
            return;
        }
        for (int i = 0; i < fleet.slots(); i++) {
            if (zone < 0 || fleet.zoneName(i).equals(f.zone().get())) {
                kill(i, zone < 0 ? "the whole group lost" : "zone " + f.zone().get() + " lost");
            }
        }
    }

    private void chaosKill() {
        List<String> groups = spec.failures().chaos().orElseThrow().groups();
        if (!groups.contains(pool.name())) {
            return;
        }
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < fleet.slots(); i++) {
            if (fleet.state(i) == Fleet.IN_SERVICE) {
                candidates.add(i);
            }
        }
        if (!candidates.isEmpty()) {
            kill(candidates.get(chaosVictims.nextInt(candidates.size())), "killed by the chaos policy");
        }
    }

    /** An instance dies: what it was doing fails; the balancer keeps sending it requests until its checks fail. */
    private void kill(int slot, String why) {
        int s = fleet.state(slot);
        if (s == Fleet.FREE || s == Fleet.GHOST || s == Fleet.DEAD) {
            return;
        }
        fleet.setState(slot, Fleet.DEAD);
        failOnSlot(slot);
        updateCapacity();
        sim.event(pool.name(), "instance-killed", instance(slot) + " (zone " + fleet.zoneName(slot) + ") " + why);
        sim.events.schedule(sim.now + healthCheck.toUnhealthyNanos(), Simulation.INSTANCE_DETECTED, encode(slot));
    }

    private void failOnSlot(int slot) {
        sim.requests.forEachLive(r -> {
            if (!r.job && !r.applyJob && !r.timedOut && r.backend == slot) {
                r.timedOut = true;
                sim.attemptFailed(r, ErrorKind.BACKEND_FAILED);
            }
        });
    }

    private void balancer(int i, boolean restore) {
        lbDown[i] = !restore;
        String name = FailureTargets.balancers(spec.architecture()).get(i);
        sim.event(
                name,
                restore ? "lb-restored" : "lb-lost",
                name + (restore ? " is back" : " is lost: clients DNS sends to it are refused"));
        if (!restore) {
            sim.requests.forEachLive(r -> {
                if (r.routed && r.balancer == i && !r.timedOut && !r.job && !r.applyJob) {
                    r.timedOut = true;
                    sim.attemptFailed(r, ErrorKind.LB_FAILED);
                }
            });
        }
    }

    /** The first balancer up after {@code down} in DNS order, or -1 when all are down. */
    int nextUpBalancer(int down) {
        for (int i = 1; i < lbDown.length; i++) {
            int b = (down + i) % lbDown.length;
            if (!lbDown[b]) {
                return b;
            }
        }
        return -1;
    }

    private void databaseNode(int k, boolean restore) {
        DbNode node = sim.nodes[k];
        int base = k / sim.nodesPerShard * sim.nodesPerShard;
        if (restore) {
            node.down = false;
            for (int r = base + 1; r < base + sim.nodesPerShard; r++) {
                if (sim.nodes[r].promotedAway && k == base) {
                    sim.nodes[r].promotedAway = false;
                    sim.nodes[r].down = false;
                }
            }
            sim.event(node.name, "db-restored", node.name + " is back");
            return;
        }
        if (node.down) {
            return;
        }
        node.down = true;
        sim.requests.forEachLive(r -> {
            if (r.connectionNode == k && !r.timedOut && !r.job && !r.applyJob) {
                r.timedOut = true;
                sim.attemptFailed(r, ErrorKind.DB_UNAVAILABLE);
            }
        });
        if (k != base) {
            sim.event(node.name, "db-replica-lost", node.name + " is lost: reads go to the other replicas");
            return;
        }
        boolean replica = false;
        for (int r = base + 1; r < base + sim.nodesPerShard; r++) {
            replica |= !sim.nodes[r].down;
        }
        Database db = spec.architecture().db().orElseThrow();
        long failover = db.failoverNanos();
        if (db.multiAz()) {
            sim.event(
                    node.name,
                    "db-primary-lost",
                    node.name + " is lost: its Multi-AZ standby takes over after "
                            + Quantities.formatDuration(failover));
            sim.events.schedule(sim.now + failover, Simulation.FAILOVER, k);
        } else if (replica) {
            sim.event(
                    node.name,
                    "db-primary-lost",
                    node.name + " is lost: a replica is promoted after " + Quantities.formatDuration(failover));
            sim.events.schedule(sim.now + failover, Simulation.FAILOVER, k);
        } else {
            sim.event(
                    node.name, "db-outage", node.name + " is lost and has no replica to promote: the database is down");
        }
    }

    private void failover(int k) {
        DbNode node = sim.nodes[k];
        if (!node.down) {
            return;
        }
        // RDS fails over to the standby (and makes a new one), so the replicas keep serving reads.
        if (spec.architecture().db().orElseThrow().multiAz()) {
            node.down = false;
            sim.event(node.name, "db-failover", "the Multi-AZ standby took over: " + node.name + " takes writes again");
            return;
        }
        for (int r = k + sim.nodesPerShard - 1; r > k; r--) {
            if (!sim.nodes[r].down) {
                sim.nodes[r].down = true;
                sim.nodes[r].promotedAway = true;
                node.down = false;
                sim.event(
                        node.name,
                        "db-failover",
                        sim.nodes[r].name + " promoted: " + node.name + " takes writes again");
                return;
            }
        }
    }

    // ---- availability

    void recordAvailability(long ok, long bad, double seconds) {
        if (ok + bad > 0 && Availability.of(ok, bad) < target) {
            downtimeSeconds += seconds;
        }
        minuteOk += ok;
        minuteBad += bad;
        if (++minuteTicks == 60) {
            closeMinute();
        }
    }

    private void closeMinute() {
        perMinute.add(Math.round(Availability.of(minuteOk, minuteBad) * 1e6) / 1e6);
        minuteOk = 0;
        minuteBad = 0;
        minuteTicks = 0;
    }

    Availability availability(long completed, long errors) {
        if (minuteTicks > 0) {
            closeMinute();
        }
        double overall = Availability.of(completed, errors);
        double allowed = (1 - target) * (completed + errors);
        double budget = allowed == 0 ? (errors == 0 ? 0 : Double.POSITIVE_INFINITY) : errors / allowed;
        return new Availability(
                Math.round(overall * 1e6) / 1e6,
                target,
                downtimeSeconds,
                Double.isInfinite(budget) ? 999 : Math.round(budget * 1e4) / 1e4,
                perMinute);
    }
}
