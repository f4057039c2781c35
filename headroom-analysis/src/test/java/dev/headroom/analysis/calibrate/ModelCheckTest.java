package dev.headroom.analysis.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.TimelineRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The model's seconds against the measurement's: a measured record starts a little after its second. */
class ModelCheckTest {
    /** A simulated timeline of whole seconds 0 to 59. */
    private static List<TimelineRecord> simulated() {
        List<TimelineRecord> out = new ArrayList<>();
        for (int t = 0; t < 60; t++) {
            out.add(new TimelineRecord(t, 100, 100, 100, 0, Map.of(), LatencySummary.EMPTY, Map.of()));
        }
        return out;
    }

    @Test
    void onGrid_aMeasuredLevelEnd_justAfterTheSecond_endsBeforeTheModelsNextSecond() {
        List<TimelineRecord> model = simulated();
        // The level [22.011, 30.011) of a measured run is the model's seconds 22 to 29, not 30.
        assertThat(ModelCheck.onGrid(model, 30.011)).isCloseTo(30.0, within(1e-9));
        assertThat(ModelCheck.onGrid(model, 22.011)).isCloseTo(22.0, within(1e-9));
        // A record a little early rounds up to its second as well.
        assertThat(ModelCheck.onGrid(model, 29.996)).isCloseTo(30.0, within(1e-9));
    }
}
