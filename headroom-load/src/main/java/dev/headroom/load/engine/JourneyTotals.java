package dev.headroom.load.engine;

import dev.headroom.load.scenario.Journey;
import dev.headroom.load.stats.Histograms;
import dev.headroom.load.stats.JourneyStats;
import dev.headroom.model.run.JourneySummary;
import dev.headroom.model.run.LatencySummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/** The collector's side of the journeys: each loop's recorders drained into run totals, and the summary. */
final class JourneyTotals {
    private final RunPlan plan;
    private final List<JourneyStats> loops;
    private final Histogram[] duration;
    private final Histogram[] stepLatency;
    private final Histogram[] stepService;
    /** Per loop, the interval histograms its recorders last gave, handed back on the next drain. */
    private final Histogram[][] recycledDuration;

    private final Histogram[][] recycledLatency;
    private final Histogram[][] recycledService;

    JourneyTotals(RunPlan plan, List<JourneyStats> loops) {
        this.plan = plan;
        this.loops = loops;
        duration = new Histogram[plan.journeys().size()];
        for (int j = 0; j < duration.length; j++) {
            duration[j] = Histograms.create();
        }
        int classes = plan.classes().size();
        recycledDuration = new Histogram[loops.size()][duration.length];
        recycledLatency = new Histogram[loops.size()][classes];
        recycledService = new Histogram[loops.size()][classes];
        stepLatency = new Histogram[classes];
        stepService = new Histogram[classes];
        for (int c = plan.requests().size(); c < classes; c++) {
            stepLatency[c] = Histograms.create();
            stepService[c] = Histograms.create();
        }
    }

    /** Adds what every loop recorded since the last call. */
    void drain() {
        for (int l = 0; l < loops.size(); l++) {
            JourneyStats s = loops.get(l);
            for (int j = 0; j < duration.length; j++) {
                recycledDuration[l][j] = s.intervalDuration(j, recycledDuration[l][j]);
                duration[j].add(recycledDuration[l][j]);
            }
            for (int c = plan.requests().size(); c < stepLatency.length; c++) {
                recycledLatency[l][c] = s.intervalStepLatency(c, recycledLatency[l][c]);
                stepLatency[c].add(recycledLatency[l][c]);
                recycledService[l][c] = s.intervalStepService(c, recycledService[l][c]);
                stepService[c].add(recycledService[l][c]);
            }
        }
    }

    Map<String, JourneySummary> summary(double windowSeconds) {
        Map<String, JourneySummary> out = new LinkedHashMap<>();
        for (int j = 0; j < duration.length; j++) {
            Journey journey = plan.journeys().get(j);
            long started = 0, completed = 0, unfinished = 0, abandoned = 0;
            Map<String, Long> why = new TreeMap<>();
            for (JourneyStats s : loops) {
                started += s.startedCount(j);
                completed += s.completedCount(j);
                unfinished += s.unfinishedCount(j);
                s.abandonedBy(j).forEach((k, v) -> why.merge(k, v.get(), Long::sum));
            }
            List<Journey.Step.Request> steps = journey.requests();
            List<JourneySummary.Step> funnel = new java.util.ArrayList<>();
            for (int k = 0; k < steps.size(); k++) {
                int c = plan.stepClass(j, k);
                long sent = 0, ok = 0, here = 0;
                Map<String, Long> errors = new TreeMap<>();
                for (JourneyStats s : loops) {
                    sent += s.stepSentCount(c);
                    ok += s.stepCompleted(c);
                    here += s.abandonedAt(j, k);
                    s.stepErrors(c).forEach((kind, v) -> errors.merge(kind, v.get(), Long::sum));
                }
                abandoned += here;
                funnel.add(new JourneySummary.Step(
                        steps.get(k).request().name(),
                        sent,
                        ok,
                        here,
                        windowSeconds > 0 ? LoadEngine.round(ok / windowSeconds) : 0,
                        errors,
                        LatencySummary.of(stepLatency[c]),
                        LatencySummary.of(stepService[c])));
            }
            out.put(
                    journey.name(),
                    new JourneySummary(
                            started, completed, abandoned, unfinished, why, LatencySummary.of(duration[j]), funnel));
        }
        return out;
    }
}
