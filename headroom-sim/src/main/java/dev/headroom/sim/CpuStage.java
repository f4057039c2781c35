package dev.headroom.sim;

import dev.headroom.model.random.RandomStream;
import dev.headroom.sim.component.Station;
import java.util.function.Consumer;

/** An instance's cores: a request's CPU demand at the instance's current speed (slower while throttled). */
final class CpuStage extends ServiceStage {
    private final Instances instances;
    private final RequestClasses classes;
    private final RandomStream random;
    private final Consumer<Request> onward;

    CpuStage(
            Engine engine, Instances instances, RequestClasses classes, RandomStream random, Consumer<Request> onward) {
        super(engine, Components.CPU);
        this.instances = instances;
        this.classes = classes;
        this.random = random;
        this.onward = onward;
    }

    @Override
    public void on(int slot) {
        complete(slot);
    }

    @Override
    Station station(Request r) {
        return instances.cpus[r.backend];
    }

    @Override
    long serviceNanos(Request r, Station station) {
        long demand = classes.cpu[r.requestClass].sampleNanos(random);
        double speed = instances.cpuSpeed[r.backend];
        return speed == 1.0 ? demand : (long) (demand / speed);
    }

    @Override
    void served(Request r) {
        onward.accept(r);
    }
}
