package dev.headroom.report.html;

import dev.headroom.analysis.Analysis;
import dev.headroom.analysis.Bottleneck;
import dev.headroom.analysis.Evidence;
import dev.headroom.analysis.Finding;
import dev.headroom.analysis.Findings;
import dev.headroom.analysis.GoalResult;
import dev.headroom.analysis.Headroom;
import dev.headroom.analysis.Knee;
import dev.headroom.analysis.Link;
import dev.headroom.analysis.OperationalLaws;
import dev.headroom.analysis.RunData;
import dev.headroom.analysis.Verdict;
import dev.headroom.model.goal.Goals;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/** Report inputs built from {@link SyntheticRun}, held to p99 under 100 ms and errors under 1%. */
final class ReportFixtures {
    static final Goals GOALS = new Goals(Map.of("p99", 100.0), OptionalDouble.of(0.01));

    private ReportFixtures() {}

    static RunData runData() {
        return RunData.of(SyntheticRun.run().withGoals(GOALS), SyntheticRun.timeline(), SyntheticRun.events());
    }

    /** The measured run as the run reader sees it when its status is still {@code running}. */
    static ReportData measuredCutShort() {
        RunData data = new RunData(
                "runs/shop-local-1",
                SyntheticRun.measuredRun().withGoals(new Goals(Map.of("p99", 300.0), OptionalDouble.empty())),
                SyntheticRun.measuredTimeline(),
                List.of(),
                true,
                "the measurement's status is 'running'");
        return ReportData.of(data, Analysis.analyse(data), null);
    }

    /** The synthetic run killed before it wrote run.json: a timeline, events, no record. */
    static ReportData withoutRunJson() {
        RunData data = new RunData(
                "runs/story-1",
                null,
                SyntheticRun.timeline(),
                SyntheticRun.events(),
                true,
                "run.json was never written (the run was cut short)");
        return ReportData.of(data, Analysis.analyse(data), SyntheticRun.SPEC);
    }

    /** The synthetic run with {@link #findings()}: fixed bytes, whatever the analysis learns later. */
    static ReportData synthetic() {
        return ReportData.of(runData(), findings(), SyntheticRun.SPEC);
    }

    /**
     * Findings for the synthetic run written out by hand, with every part the page can show: the
     * figures are the ones {@link SyntheticRun} was built with (credits out at 150 s, IOPS down to
     * 300, p99 past 100 ms at 157 s, timeouts from 181 s).
     */
    static Findings findings() {
        Evidence credits = new Evidence("db.disk", "volumeCredits", 150, 0, "credits");
        Evidence iops = new Evidence("db.disk", "iops", 150, 300, "IOPS");
        Evidence waiters = new Evidence("db.connections", "waiting", 162, 1.5, "requests");
        Evidence p99 = new Evidence("run", "latency p99", 157, 104, "ms");
        Evidence errors = new Evidence("run", "error rate", 181, 0.2, "fraction");
        Verdict verdict = new Verdict(
                Verdict.BROKEN,
                157,
                List.of(
                        new GoalResult("p99", 100, "ms", 400.7, false, 240, 83, p99),
                        new GoalResult("errors", 0.01, "fraction", 2000 / 48000.0, false, 240, 59, errors)));
        Bottleneck bottleneck = new Bottleneck(
                "db.disk",
                "volume credits exhausted",
                150,
                "The volume's I/O credits ran out at 2:30; the disk, not the code, broke the p99 goal at 2:37.",
                List.of(
                        new Link("db.disk", "volume credits exhausted", 150, credits),
                        new Link("db.disk", "IOPS capped at the baseline", 150, iops),
                        new Link("run", "p99 over the goal", 157, p99),
                        new Link("db.connections", "requests wait for a connection", 162, waiters)));
        Headroom headroom = new Headroom(
                0.62,
                124,
                200,
                "search",
                0.01,
                true,
                "Headroom 0.62x: the goals break at 62% of the peak.",
                List.of(new Headroom.Probe(0.5, true, null), new Headroom.Probe(0.75, false, "p99")),
                List.of(new Evidence("run", "offered rate", -1, 124, "req/s")));
        Knee knee = new Knee(
                180,
                176,
                155,
                "Throughput stops following the offered rate at 180/s.",
                List.of(new Evidence("run", "throughput", 155, 176, "req/s")));
        OperationalLaws laws = new OperationalLaws(
                191.7,
                List.of(new OperationalLaws.Demand("db.disk", 0.81, 1, 4.23, 236.6)),
                236.6,
                "db.disk",
                List.of(new OperationalLaws.LittleCheck("db.disk", 191.7, 35.5, 7.01, 6.81, 0.029, 0.05, true)));
        Finding saturated = new Finding(
                "component-saturated",
                "db.connections",
                162,
                "Every db connection is in use from 2:42; requests queue for one.",
                List.of(waiters));
        return new Findings(
                Findings.FORMAT,
                "0123abcd-s42",
                "simulation",
                false,
                verdict,
                bottleneck,
                headroom,
                knee,
                laws,
                List.of(saturated));
    }
}
