package dev.headroom.report.html;

import dev.headroom.model.run.Run;
import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.TimelineRecord;
import java.util.List;

/** The synthetic run, for tests outside this package. */
public final class ReportFixturesAccess {
    private ReportFixturesAccess() {}

    public static Run run() {
        return SyntheticRun.run().withGoals(ReportFixtures.GOALS);
    }

    public static List<TimelineRecord> timeline() {
        return SyntheticRun.timeline();
    }

    public static List<RunEvent> events() {
        return SyntheticRun.events();
    }

    public static String spec() {
        return SyntheticRun.SPEC;
    }

    public static int intervals() {
        return SyntheticRun.INTERVALS;
    }
}
