package dev.headroom.load.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.goal.Goals;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThresholdGoalsTest {
    @Test
    void upperBoundsOnLatencyAndErrors_becomeGoals_otherThresholdsDoNot() {
        Goals g = ThresholdGoals.of(List.of(
                RuleParser.threshold("p99 < 300ms"),
                RuleParser.threshold("p50 <= 20ms"),
                RuleParser.threshold("errors < 1%"),
                RuleParser.threshold("throughput > 100/s"),
                RuleParser.threshold("lag.p99 < 5ms"),
                RuleParser.threshold("p99 < 250ms")));

        assertThat(g.latencyMillis()).containsOnlyKeys("p99", "p50");
        assertThat(g.latencyMillis().get("p99")).isEqualTo(250.0);
        assertThat(g.latencyMillis().get("p50")).isEqualTo(20.0);
        assertThat(g.maxErrorRate()).hasValue(0.01);
    }

    @Test
    void noThresholds_noGoals() {
        assertThat(ThresholdGoals.of(List.of()).isEmpty()).isTrue();
    }
}
