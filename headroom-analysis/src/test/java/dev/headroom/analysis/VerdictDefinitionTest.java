package dev.headroom.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.run.Run;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The one definition of a goal (docs/findings.md): the whole run decides; a missed goal points at
 * its first sustained breach (3 intervals running over the bound); a met goal has only excursions,
 * and its measured headroom is never below 1.
 */
class VerdictDefinitionTest {
    /** A ramp from 80/s to 800/s over 100 s; each interval's p99 from {@code p99}; the whole run's p99 given. */
    private static RunData ramp(IntToDoubleFunction p99, double wholeP99) {
        List<TimelineRecord> timeline = new ArrayList<>();
        for (int t = 0; t < 100; t++) {
            double offered = 80 + 720 * t / 99.0;
            long done = (long) offered;
            timeline.add(new TimelineRecord(
                    t, offered, done, done, 0, Map.of(), SyntheticRun.latency(done, p99.applyAsDouble(t)), Map.of()));
        }
        Run run = new Run(
                        SyntheticRun.metadata("ramp", 100, 800),
                        SyntheticRun.summary(100, 44_000, 44_000, wholeP99, Map.of()))
                .withGoals(new Goals(Map.of("p99", 250.0), OptionalDouble.empty()));
        return RunData.of(run, timeline, List.of());
    }

    @Test
    void oneNoisySecond_inARunThatMetItsGoal_isAnExcursion_notABreach() {
        Findings f = Analysis.analyse(ramp(t -> t == 58 ? 315.4 : 50, 152.2));

        assertThat(f.verdict().outcome()).isEqualTo(Verdict.MET);
        assertThat(f.verdict().firstBreachT()).isEqualTo(-1);
        GoalResult p99 = f.verdict().goals().get(0);
        assertThat(p99.met()).isTrue();
        assertThat(p99.firstBreach()).isNull();
        assertThat(p99.firstExcursion().t()).isEqualTo(58.0);
        assertThat(p99.firstExcursion().value()).isEqualTo(315.4);
        assertThat(p99.intervalsBroken()).isEqualTo(1);
        // Met at the peak: the headroom cannot say less than 1.
        assertThat(f.headroom().ratio()).isEqualTo(1.0);
        assertThat(f.headroom().bounded()).isFalse();
    }

    @Test
    void aMetGoal_hasNoBreach_evenWithAStretchOverItsBound() {
        Findings f = Analysis.analyse(ramp(t -> t >= 90 && t < 95 ? 300 : 50, 120));

        assertThat(f.verdict().outcome()).isEqualTo(Verdict.MET);
        assertThat(f.verdict().goals().get(0).firstBreach()).isNull();
        assertThat(f.verdict().goals().get(0).firstExcursion().t()).isEqualTo(90.0);
        assertThat(f.headroom().ratio()).isEqualTo(1.0);
    }

    @Test
    void aMissedGoal_pointsAtItsFirstSustainedBreach_pastAnEarlierNoisySecond() {
        // Over the bound at 10 s (one second), then from 60 s on.
        Findings f = Analysis.analyse(ramp(t -> t == 10 || t >= 60 ? 400 : 50, 400));

        assertThat(f.verdict().outcome()).isEqualTo(Verdict.BROKEN);
        GoalResult p99 = f.verdict().goals().get(0);
        assertThat(p99.firstBreach().t()).isEqualTo(60.0);
        assertThat(p99.firstExcursion()).isNull();
        assertThat(p99.intervalsBroken()).isEqualTo(41);
        assertThat(f.verdict().firstBreachT()).isEqualTo(60.0);
        // Held up to the last interval before the sustained breach: 80 + 720 * 59 / 99.
        assertThat(f.headroom().bounded()).isTrue();
        assertThat(f.headroom().sustainedRatePerSecond()).isCloseTo(509.1, org.assertj.core.data.Offset.offset(0.1));
    }

    @Test
    void aMissedGoal_withNoThreeIntervalsRunning_pointsAtItsFirstIntervalOverTheBound() {
        Findings f = Analysis.analyse(ramp(t -> t % 2 == 1 && t > 40 ? 400 : 50, 300));

        GoalResult p99 = f.verdict().goals().get(0);
        assertThat(p99.met()).isFalse();
        assertThat(p99.firstBreach().t()).isEqualTo(41.0);
    }
}
