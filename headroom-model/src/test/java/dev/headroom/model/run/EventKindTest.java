package dev.headroom.model.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Event kinds and metric keys are the names a run's files carry: one type, read by the simulator and the analysis. */
class EventKindTest {
    @Test
    void label_readsBackAsItsKind() {
        for (EventKind k : EventKind.values()) {
            assertThat(EventKind.of(k.label())).contains(k);
        }
        assertThat(EventKind.of("guard-tripped")).isEmpty();
    }

    @Test
    void saturationSignals_areTheEventsOfAComponentRunningOutOfSomething() {
        assertThat(Arrays.stream(EventKind.values()).filter(EventKind::saturationSignal))
                .containsExactly(
                        EventKind.CPU_CREDITS_EXHAUSTED,
                        EventKind.VOLUME_CREDITS_EXHAUSTED,
                        EventKind.INSTANCE_EBS_CREDITS_EXHAUSTED,
                        EventKind.CONNECTIONS_EXHAUSTED,
                        EventKind.MAX_CONNECTIONS_REACHED,
                        EventKind.POOL_EXHAUSTED,
                        EventKind.LOCK_CONVOY,
                        EventKind.SPILLOVER_BEGINS);
        assertThat(EventKind.isSaturationSignal("instance-killed")).isFalse();
        assertThat(EventKind.isSaturationSignal("not-a-kind")).isFalse();
    }

    @Test
    void metricKeys_areDistinct() {
        assertThat(Arrays.stream(MetricKey.values()).map(MetricKey::key).distinct())
                .hasSize(MetricKey.values().length);
    }
}
