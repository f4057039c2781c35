package dev.headroom.analysis.usl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.run.RunJson;
import dev.headroom.model.run.TimelineRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seals usl.json ({@code headroom-usl/1}): a fixed step run gives exactly these bytes. After a
 * deliberate change of the format, regenerate with {@code -Dheadroom.golden.update=true} and bump
 * the format when readers would break.
 */
class UslJsonGoldenTest {
    private static final String GOLDEN = "golden/usl.json";

    @Test
    void uslJson_ofAFixedStepRun_isByteForByteTheGoldenFile() throws IOException {
        UslModel truth = new UslModel(0.04, 0.0015, 150);
        List<TimelineRecord> timeline = new ArrayList<>();
        double t = 0;
        for (int n = 1; n <= 36; n += 5) {
            double x = truth.throughputAt(n);
            for (int i = 0; i < 10; i++) {
                timeline.add(StepSplitterTest.record(t++, 50.0 * n, Math.round(x), n / x * 1000));
            }
        }

        String json = RunJson.pretty(UslAnalysis.of("golden-run", timeline, StepSplitter.defaults())) + "\n";

        if (Boolean.getBoolean("headroom.golden.update")) {
            Files.writeString(Path.of("src/test/resources", GOLDEN), json, StandardCharsets.UTF_8);
        }
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GOLDEN)) {
            assertThat(in).as("src/test/resources/" + GOLDEN).isNotNull();
            assertThat(json).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
