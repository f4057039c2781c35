package dev.headroom.sim;

import dev.headroom.model.run.Availability;
import dev.headroom.model.spec.Spec;

/**
 * Capacity that changes during a run: the pool as an auto scaling group ({@link Group}), the
 * failures planned and random that act on the topology's parts ({@link FailureInjector},
 * {@link DatabaseFailures}), and the availability they leave ({@link AvailabilityLedger}).
 * Created only for a spec with autoscaling or failures, so a fixed system runs exactly as before.
 */
final class Elasticity {
    private final Group group;
    private final FailureInjector failures;
    private final AvailabilityLedger availability;

    Elasticity(
            Engine engine,
            RunEvents events,
            Spec spec,
            long seed,
            long windowNanos,
            Topology topology,
            FailureTarget.Losses losses) {
        this.group = new Group(
                engine, events, spec, topology.fleet, topology.instances, topology.connections, losses, windowNanos);
        DatabaseFailures db = spec.architecture()
                .db()
                .map(d -> new DatabaseFailures(
                        engine, events, d, topology.database.nodes, topology.database.nodesPerShard, losses, group))
                .orElse(null);
        this.failures = new FailureInjector(
                engine, events, spec, seed, windowNanos, group, topology.front, topology.cache, db, losses);
        this.availability = new AvailabilityLedger(spec);
    }

    void scheduleAll() {
        failures.scheduleAll();
    }

    void tick(double seconds) {
        group.tick(seconds);
    }

    /** The group's counts in the pool's sample, then the interval's availability. */
    void addMetrics(IntervalSampler sampler, RunStats stats) {
        sampler.add(group);
        sampler.add(availability.recorder(stats));
    }

    double instanceSecondsInWindow() {
        return group.instanceSecondsInWindow();
    }

    Availability availability(long completed, long errors) {
        return availability.availability(completed, errors);
    }
}
