package dev.headroom.analysis.calibrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.headroom.model.run.LatencySummary;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The latency of a window of a run, from its interval log written the way {@code headroom load} writes it. */
class HlogWindowTest {
    @TempDir
    Path dir;

    @Test
    void window_addsTheIntervalsThatStartInIt_overallAndByClass() throws Exception {
        long start = 1_700_000_000_000L;
        try (PrintStream out = new PrintStream(
                Files.newOutputStream(dir.resolve(HlogWindow.LATENCY_LOG)), false, StandardCharsets.UTF_8)) {
            HistogramLogWriter w = new HistogramLogWriter(out);
            w.outputLogFormatVersion();
            w.outputStartTime(start);
            w.setBaseTime(start);
            w.outputBaseTime(start);
            w.outputLegend();
            // Second s: 100 responses of (s + 1) ms overall, and the same tagged "browse".
            for (int s = 0; s < 5; s++) {
                for (String tag : new String[] {null, "browse"}) {
                    Histogram h = new Histogram(3);
                    h.recordValueWithCount((s + 1) * 1000L, 100);
                    h.setStartTimeStamp(start + s * 1000L);
                    h.setEndTimeStamp(start + (s + 1) * 1000L);
                    h.setTag(tag);
                    w.outputIntervalHistogram(h);
                }
            }
        }

        LatencySummary window = HlogWindow.latency(dir, 1, 3).orElseThrow();
        Map<String, LatencySummary> byClass = HlogWindow.byTag(dir, 0, 5);

        // Seconds 1 and 2: 100 responses of 2 ms and 100 of 3 ms (3 significant digits).
        assertThat(window.count()).isEqualTo(200);
        assertThat(window.p50()).isCloseTo(2.0, within(0.005));
        assertThat(window.p99()).isCloseTo(3.0, within(0.005));
        assertThat(byClass).containsOnlyKeys("browse");
        assertThat(byClass.get("browse").count()).isEqualTo(500);
        assertThat(HlogWindow.latency(dir.resolve("none"), 0, 5)).isEmpty();
    }
}
