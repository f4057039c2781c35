package dev.headroom.report.html;

import dev.headroom.analysis.Analysis;
import dev.headroom.analysis.RunData;
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

    static ReportData synthetic() {
        RunData data = runData();
        return ReportData.of(data, Analysis.analyse(data), SyntheticRun.SPEC);
    }
}
