package dev.headroom.report.html;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.run.Run;
import java.util.Map;
import java.util.OptionalDouble;

/** Report inputs built from {@link SyntheticRun}. */
final class ReportFixtures {
    static final Goals GOALS = new Goals(Map.of("p99", 100.0), OptionalDouble.of(0.01));

    private ReportFixtures() {}

    static ReportData synthetic() {
        Run run = SyntheticRun.run();
        return new ReportData(
                ReportData.FORMAT,
                run.metadata(),
                run.summary(),
                run.measurement(),
                ReportData.Partial.COMPLETE,
                ReportData.goals(GOALS),
                SyntheticRun.events(),
                TimelineColumns.of(SyntheticRun.timeline()),
                null,
                SyntheticRun.SPEC);
    }
}
