package dev.headroom.sim;

import dev.headroom.model.catalog.Catalog;
import dev.headroom.model.cost.CostModel;
import dev.headroom.model.cost.Usage;
import dev.headroom.model.run.ComponentSummary;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.RunSummary;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.workload.RequestClass;
import dev.headroom.sim.stats.Gauge;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Assembles a finished run's result: the summary with its bill, Little's law per component, the histogram and the events. */
final class ResultAssembly {
    private final Spec spec;
    private final RequestClass[] classes;
    private final List<Gauge> gauges;
    private final RunStats stats;
    private final long windowNanos;
    /** Null for a fixed pool. */
    private final Elasticity elasticity;

    private final Instances instances;

    private final DbNode[] nodes;

    ResultAssembly(
            Spec spec,
            RequestClass[] classes,
            List<Gauge> gauges,
            RunStats stats,
            long windowNanos,
            Elasticity elasticity,
            Instances instances,
            DbNode[] nodes) {
        this.spec = spec;
        this.classes = classes;
        this.gauges = gauges;
        this.stats = stats;
        this.windowNanos = windowNanos;
        this.elasticity = elasticity;
        this.instances = instances;
        this.nodes = nodes;
    }

    SimResult result(long seed, long now, List<RunEvent> events) {
        long end = Math.max(now, 1);
        Map<String, ComponentSummary> components = new LinkedHashMap<>();
        List<LittlesLaw> laws = new ArrayList<>();
        for (Gauge g : gauges) {
            components.put(g.name(), g.summary(end, windowNanos));
            laws.add(new LittlesLaw(g.name(), g.meanInSystem(end), g.departureRate(end), g.meanResidenceSeconds()));
        }
        Map<String, LatencySummary> perClass = new LinkedHashMap<>();
        for (int i = 0; i < classes.length; i++) {
            perClass.put(classes[i].name(), stats.perClass(i));
        }
        double window = windowNanos / 1e9;
        double surplus = surplusCredits();
        RunSummary summary = new RunSummary(
                window,
                stats.arrivals,
                stats.completed,
                Math.round(stats.completedInWindow / window * 1000) / 1000.0,
                stats.errorCount(),
                stats.retries,
                RunStats.errorMap(stats.errors),
                stats.overall(),
                perClass,
                components,
                new CostModel(Catalog.builtIn()).price(spec.architecture(), usage(window, components)),
                elasticity == null ? null : elasticity.availability(stats.completed, stats.errorCount()));
        return new SimResult(
                summary,
                seed,
                end / 1e9,
                List.copyOf(laws),
                stats.overallRecorder().histogram().copy(),
                events,
                surplus,
                stats.stoppedAt(now));
    }

    /**
     * What the run used, for its bill: the pool's instance-seconds when instances came and went,
     * surplus credits by tier, and the balancer's traffic (every attempt it received, and its
     * requests in flight on average, one client connection each).
     */
    private Usage usage(double window, Map<String, ComponentSummary> components) {
        ComponentSummary lb = components.get("lb");
        return new Usage(
                window,
                elasticity == null ? OptionalDouble.empty() : OptionalDouble.of(elasticity.instanceSecondsInWindow()),
                new Usage.SurplusCredits(poolSurplusCredits(), dbSurplusCredits()),
                new Usage.Traffic(stats.arrivals + stats.retries, lb == null ? 0 : lb.meanInUse()),
                stats.completedInWindow);
    }

    private double surplusCredits() {
        return poolSurplusCredits() + dbSurplusCredits();
    }

    private double dbSurplusCredits() {
        double surplus = 0;
        for (DbNode node : nodes) {
            surplus += node.credits != null ? node.credits.surplus() : 0;
        }
        return surplus;
    }

    private double poolSurplusCredits() {
        return instances.surplusCredits();
    }
}
