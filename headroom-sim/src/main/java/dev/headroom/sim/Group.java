package dev.headroom.sim;

import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.model.architecture.HealthCheck;
import dev.headroom.model.architecture.LoadBalancer;
import dev.headroom.model.architecture.Pool;
import dev.headroom.model.failure.Failures;
import dev.headroom.model.run.ComponentSample;
import dev.headroom.model.run.EventKind;
import dev.headroom.model.run.MetricKey;
import dev.headroom.model.spec.Defaults;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.units.Quantities;
import dev.headroom.sim.fleet.Autoscaler;
import dev.headroom.sim.fleet.Fleet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

/**
 * The pool as an auto scaling group: instances are added (launched, booted, registered after
 * their health checks) and drained (deregistered, then stopped at the deregistration delay) until
 * the live count meets the desired count; the group's policies set the desired count from the CPU
 * and request metrics; a killed instance fails what it was doing and is replaced once its health
 * checks fail. It also bills the instance-seconds of the run's window.
 */
final class Group implements IntervalSampler.Metrics {
    private static final int SLOT_BITS = 16;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;

    private final Engine engine;
    private final RunEvents events;
    private final Fleet fleet;
    private final Pool pool;
    private final Instances instances;
    private final Connections connections;
    private final FailureTarget.Losses losses;
    private final HealthCheck healthCheck;
    private final Autoscaler autoscaler;
    private final long bootNanos;
    private final long warmupNanos;
    private final long metricPeriodTicks;
    private final long windowNanos;
    private final int bootedKind;
    private final int healthyKind;
    private final int detectedKind;
    private final int drainDeadlineKind;

    private double periodBusy;
    private double periodCapacity;
    private double periodInstanceSeconds;
    private long ticks;
    private double billedInWindow;
    private long billedSince;

    Group(
            Engine engine,
            RunEvents events,
            Spec spec,
            Fleet fleet,
            Instances instances,
            Connections connections,
            FailureTarget.Losses losses,
            long windowNanos) {
        this.engine = engine;
        this.events = events;
        this.fleet = fleet;
        this.pool = spec.architecture().pool();
        this.instances = instances;
        this.connections = connections;
        this.losses = losses;
        this.healthCheck =
                spec.architecture().lb().map(LoadBalancer::healthCheck).orElse(HealthCheck.DEFAULT);
        Autoscaling scaling = pool.autoscaling().orElse(null);
        this.autoscaler = scaling == null ? null : new Autoscaler(scaling);
        this.bootNanos = scaling != null ? scaling.bootNanos() : Quantities.durationNanos(Defaults.INSTANCE_BOOT);
        this.warmupNanos = scaling != null ? scaling.warmupNanos() : 0;
        this.metricPeriodTicks = scaling != null ? scaling.metricPeriodNanos() / Simulation.INTERVAL_NANOS : 60;
        this.windowNanos = windowNanos;
        this.bootedKind = register(arg -> onSlot(arg, Fleet.BOOTING, this::booted));
        this.healthyKind = register(arg -> onSlot(arg, Fleet.REGISTERING, this::healthy));
        this.detectedKind = register(arg -> onSlot(arg, Fleet.DEAD, this::detected));
        this.drainDeadlineKind = register(arg -> onSlot(arg, Fleet.DRAINING, this::drainDeadline));
    }

    /** Registers a handler that first brings the bill up to date (anything it does may change the fleet). */
    int register(Engine.Handler handler) {
        return engine.register(arg -> {
            advanceBilling();
            handler.on(arg);
        });
    }

    private void onSlot(int arg, int expected, IntConsumer handler) {
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

    private void booted(int slot) {
        fleet.setState(slot, Fleet.REGISTERING);
        engine.schedule(engine.now + healthCheck.toHealthyNanos(), healthyKind, encode(slot));
    }

    private void healthy(int slot) {
        fleet.markInService(slot, engine.now);
        updateCapacity();
        events.event(
                pool.name(),
                EventKind.INSTANCE_IN_SERVICE,
                instance(slot) + " (zone " + fleet.zoneName(slot) + ") passed " + healthCheck.healthyThreshold()
                        + " health checks and takes traffic");
    }

    private void detected(int slot) {
        fleet.setState(slot, Fleet.GHOST);
        events.event(
                pool.name(),
                EventKind.INSTANCE_UNHEALTHY,
                instance(slot) + " failed " + healthCheck.unhealthyThreshold()
                        + " health checks: taken out of service; the group replaces it");
        reconcile();
    }

    private void drainDeadline(int slot) {
        failOnSlot(slot);
        fleet.setState(slot, Fleet.GHOST);
        events.event(
                pool.name(),
                EventKind.DRAIN_TIMEOUT,
                instance(slot) + " still had requests at the deregistration delay");
    }

    /** Launches or removes instances until the live count meets the desired count. */
    private void reconcile() {
        while (fleet.liveCount() < fleet.desired) {
            int slot = fleet.launch(this::slotEmpty);
            if (slot < 0) {
                return;
            }
            prepare(slot);
            engine.schedule(engine.now + bootNanos, bootedKind, encode(slot));
        }
        while (fleet.liveCount() > fleet.desired) {
            int slot = fleet.pickToRemove();
            if (slot < 0) {
                return;
            }
            if (fleet.state(slot) == Fleet.IN_SERVICE) {
                fleet.setState(slot, Fleet.DRAINING);
                engine.schedule(engine.now + healthCheck.deregistrationDelayNanos(), drainDeadlineKind, encode(slot));
            } else {
                fleet.setState(slot, Fleet.GHOST);
            }
        }
        updateCapacity();
    }

    private void prepare(int slot) {
        instances.add(slot);
        connections.closePools(slot);
    }

    private boolean slotEmpty(int slot) {
        return instances.idle(slot);
    }

    private void updateCapacity() {
        int inService = fleet.count(Fleet.IN_SERVICE) + fleet.count(Fleet.DRAINING);
        instances.serving(inService);
    }

    void tick(double seconds) {
        advanceBilling();
        for (int i = 0; i < fleet.slots(); i++) {
            int s = fleet.state(i);
            if ((s == Fleet.GHOST || s == Fleet.DRAINING) && slotEmpty(i)) {
                fleet.setState(i, Fleet.FREE);
                connections.closePools(i);
            }
            if (s == Fleet.IN_SERVICE) {
                periodInstanceSeconds += seconds;
                if (engine.now - fleet.inServiceAt(i) >= warmupNanos) {
                    periodBusy += instances.busySeconds(i);
                    periodCapacity += instances.cores(i) * seconds;
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
        long periodRequests = instances.takeAccepted();
        double perInstance = periodInstanceSeconds == 0 ? 0 : periodRequests / periodInstanceSeconds;
        int counted = 0;
        boolean warming = fleet.count(Fleet.BOOTING) + fleet.count(Fleet.REGISTERING) > 0;
        for (int i = 0; i < fleet.slots(); i++) {
            if (fleet.state(i) == Fleet.IN_SERVICE) {
                if (engine.now - fleet.inServiceAt(i) >= warmupNanos) {
                    counted++;
                } else {
                    warming = true;
                }
            }
        }
        Autoscaler.Decision d = autoscaler.evaluate(
                engine.now, cpu, perInstance, counted, fleet.desired, fleet.min, fleet.max, warming);
        periodBusy = 0;
        periodCapacity = 0;
        periodInstanceSeconds = 0;
        if (d != null && d.desired() != fleet.desired) {
            events.event(
                    pool.name(),
                    d.desired() > fleet.desired ? EventKind.SCALE_OUT : EventKind.SCALE_IN,
                    "desired " + fleet.desired + " -> " + d.desired() + ": " + d.reason());
            fleet.desired = d.desired();
            reconcile();
        }
    }

    /** The group's counts in the pool's sample. */
    @Override
    public void addTo(Map<String, ComponentSample> samples, long now, double seconds) {
        samples.computeIfPresent(instances.name(), (k, v) -> v.withMetrics(groupMetrics()));
    }

    private Map<String, Double> groupMetrics() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put(MetricKey.DESIRED.key(), (double) fleet.desired);
        m.put(MetricKey.STARTING.key(), (double) (fleet.count(Fleet.BOOTING) + fleet.count(Fleet.REGISTERING)));
        m.put(MetricKey.IN_SERVICE.key(), (double) fleet.count(Fleet.IN_SERVICE));
        m.put(MetricKey.DRAINING.key(), (double) fleet.count(Fleet.DRAINING));
        m.put(MetricKey.DEAD.key(), (double) fleet.count(Fleet.DEAD));
        return m;
    }

    /**
     * Adds the billed instances' time since the last change, within the run's window. Called
     * before anything can change the fleet (every event and tick), so the sum is exact.
     */
    private void advanceBilling() {
        long to = Math.min(engine.now, windowNanos);
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

    /** A scheduled action of the group: new bounds and desired count. */
    void schedule(Autoscaling.Scheduled s) {
        s.min().ifPresent(v -> fleet.min = v);
        s.max().ifPresent(v -> fleet.max = Math.min(v, fleet.slots() / 2));
        fleet.min = Math.min(fleet.min, fleet.max);
        int desired = s.desired().orElse(fleet.desired);
        fleet.desired = Math.max(fleet.min, Math.min(fleet.max, desired));
        events.event(
                pool.name(),
                EventKind.SCHEDULED_ACTION,
                "min " + fleet.min + ", max " + fleet.max + ", desired " + fleet.desired);
        reconcile();
    }

    /** The instance numbered {@code number} (as in {@code web-2}) dies, if it is still alive. */
    void killNumber(int number, String why) {
        int slot = fleet.slotOfNumber(number);
        if (slot >= 0) {
            kill(slot, why);
        }
    }

    /** The chaos policy kills one in-service instance, drawn by {@code pick} from their count. */
    void killRandom(IntUnaryOperator pick, String why) {
        List<Integer> candidates = new ArrayList<>();
        for (int i = 0; i < fleet.slots(); i++) {
            if (fleet.state(i) == Fleet.IN_SERVICE) {
                candidates.add(i);
            }
        }
        if (!candidates.isEmpty()) {
            kill(candidates.get(pick.applyAsInt(candidates.size())), why);
        }
    }

    /** The whole group, or its instances in the failure's zone, are lost (or come back). */
    void groupFailure(Failures.Failure f, boolean restore) {
        int zone = f.zone().map(fleet::zoneIndex).orElse(-1);
        if (zone >= 0) {
            fleet.setZoneDown(zone, !restore);
            events.event(
                    pool.name(),
                    restore ? EventKind.ZONE_RESTORED : EventKind.ZONE_LOST,
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

    /** An instance dies: what it was doing fails; the balancer keeps sending it requests until its checks fail. */
    private void kill(int slot, String why) {
        int s = fleet.state(slot);
        if (s == Fleet.FREE || s == Fleet.GHOST || s == Fleet.DEAD) {
            return;
        }
        fleet.setState(slot, Fleet.DEAD);
        failOnSlot(slot);
        updateCapacity();
        events.event(
                pool.name(), EventKind.INSTANCE_KILLED, instance(slot) + " (zone " + fleet.zoneName(slot) + ") " + why);
        engine.schedule(engine.now + healthCheck.toUnhealthyNanos(), detectedKind, encode(slot));
    }

    private void failOnSlot(int slot) {
        losses.lose(r -> r.backend == slot, ErrorKind.BACKEND_FAILED);
    }
}
