package dev.headroom.sim.elastic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.architecture.Autoscaling;
import dev.headroom.sim.fleet.Autoscaler;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutoscalerTest {
    private static final long MINUTE = 60_000_000_000L;

    private static Autoscaling config(Optional<Autoscaling.Target> target, List<Autoscaling.Step> steps) {
        return new Autoscaling(2, 10, target, steps, List.of(), MINUTE, 2, 3, 5 * MINUTE, 0, MINUTE);
    }

    @Test
    void stepPolicy_addsItsCount_afterTheEvaluationPeriodsAboveItsThreshold() {
        Autoscaler a = new Autoscaler(config(
                Optional.empty(),
                List.of(
                        new Autoscaling.Step(Autoscaling.Metric.CPU, true, 0.7, 1),
                        new Autoscaling.Step(Autoscaling.Metric.CPU, true, 0.9, 3))));

        assertThat(a.evaluate(MINUTE, 0.95, 0, 4, 4, 2, 10, false)).isNull();
        Autoscaler.Decision d = a.evaluate(2 * MINUTE, 0.95, 0, 4, 4, 2, 10, false);

        assertThat(d.desired()).isEqualTo(7);
        assertThat(d.reason()).contains("above 90.0% for 2 periods (step)");
    }

    @Test
    void targetTracking_scalesInOnlyAfterItsPeriods_andNotWhileAnInstanceWarmsUp() {
        Autoscaler a =
                new Autoscaler(config(Optional.of(new Autoscaling.Target(Autoscaling.Metric.CPU, 0.5)), List.of()));

        assertThat(a.evaluate(MINUTE, 0.1, 0, 8, 8, 2, 10, false)).isNull();
        assertThat(a.evaluate(2 * MINUTE, 0.1, 0, 8, 8, 2, 10, false)).isNull();
        assertThat(a.evaluate(3 * MINUTE, 0.1, 0, 8, 8, 2, 10, true))
                .as("warming")
                .isNull();
        // ceil(8 x 0.1 / 0.5) = 2
        assertThat(a.evaluate(4 * MINUTE, 0.1, 0, 8, 8, 2, 10, false).desired()).isEqualTo(2);
        assertThat(a.evaluate(5 * MINUTE, 0.1, 0, 2, 3, 2, 10, false))
                .as("cooldown")
                .isNull();
    }

    @Test
    void targetTracking_onRequests_proposesTheCountThatBringsEachInstanceToTheTarget() {
        Autoscaler a = new Autoscaler(
                config(Optional.of(new Autoscaling.Target(Autoscaling.Metric.REQUESTS, 100)), List.of()));

        a.evaluate(MINUTE, 0, 250, 4, 4, 2, 10, false);
        // ceil(4 x 250 / 100) = 10, the max
        assertThat(a.evaluate(2 * MINUTE, 0, 250, 4, 4, 2, 10, false).desired()).isEqualTo(10);
    }
}
