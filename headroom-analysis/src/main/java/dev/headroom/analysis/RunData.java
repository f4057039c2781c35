package dev.headroom.analysis;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.TimelineRecord;
import java.util.List;

/**
 * A run as analysis sees it: its record ({@code run}, null when {@code run.json} was never
 * written), its timeline and events in time order, and whether it is {@code partial} (cut short:
 * no {@code run.json}, a measurement still {@code running} or {@code interrupted}, or a truncated
 * timeline) with the reason. {@code source} names where it came from, for messages.
 */
public record RunData(
        String source,
        Run run,
        List<TimelineRecord> timeline,
        List<RunEvent> events,
        boolean partial,
        String partialReason) {

    public RunData {
        timeline = List.copyOf(timeline);
        events = List.copyOf(events);
    }

    /** A complete run held in memory (a simulation just finished, or a test). */
    public static RunData of(Run run, List<TimelineRecord> timeline, List<RunEvent> events) {
        return new RunData(run.metadata().id(), run, timeline, events, false, null);
    }

    /** The goals the run records, or none. */
    public Goals goals() {
        return run == null || run.goals() == null ? Goals.NONE : run.goals().toGoals();
    }

    public String runId() {
        return run == null ? source : run.metadata().id();
    }

    public String kind() {
        if (run != null) {
            return run.metadata().kind();
        }
        return timeline.stream().anyMatch(r -> r.lagMillis() != null) ? "measurement" : "simulation";
    }

    /** The interval length in seconds, from the timeline (1 s when it has fewer than two records). */
    public double intervalSeconds() {
        return intervalSeconds(timeline);
    }

    /**
     * A timeline's interval: the median gap between records (1 s unless configured otherwise). Not
     * the first gap: a measured run's first interval can be longer, while the generator warms up.
     */
    public static double intervalSeconds(List<TimelineRecord> timeline) {
        if (timeline.size() < 2) {
            return 1;
        }
        double[] gaps = new double[timeline.size() - 1];
        for (int i = 1; i < timeline.size(); i++) {
            gaps[i - 1] = timeline.get(i).t() - timeline.get(i - 1).t();
        }
        java.util.Arrays.sort(gaps);
        double median = gaps[gaps.length / 2];
        return median > 0 ? median : 1;
    }
}
