package dev.headroom.analysis.calibrate;

import dev.headroom.model.run.LatencySummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

/**
 * The latency of a measured run over a window of its time, from the interval log ({@code
 * latency.hlog}): the untagged intervals that start in the window, added together, so the
 * percentiles are exact (never an average of percentiles).
 */
public final class HlogWindow {
    public static final String LATENCY_LOG = "latency.hlog";

    private HlogWindow() {}

    /** The latency (ms) of the intervals starting in {@code [from, to)} seconds of the run; empty without a log. */
    public static Optional<LatencySummary> latency(Path runDir, double from, double to) {
        Path log = runDir.resolve(LATENCY_LOG);
        if (!Files.isRegularFile(log)) {
            return Optional.empty();
        }
        Histogram sum = new Histogram(3);
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram(from, to - 1e-6)) != null) {
                if (h.getTag() == null && h instanceof Histogram histogram) {
                    sum.add(histogram);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sum.getTotalCount() == 0 ? Optional.empty() : Optional.of(LatencySummary.of(sum));
    }

    /** The latency (ms) of each tagged series (one per request class) over {@code [from, to)}; empty without a log. */
    public static Map<String, LatencySummary> byTag(Path runDir, double from, double to) {
        Path log = runDir.resolve(LATENCY_LOG);
        Map<String, Histogram> sums = new TreeMap<>();
        if (!Files.isRegularFile(log)) {
            return Map.of();
        }
        try (HistogramLogReader reader = new HistogramLogReader(log.toFile())) {
            EncodableHistogram h;
            while ((h = reader.nextIntervalHistogram(from, to - 1e-6)) != null) {
                if (h.getTag() != null && h instanceof Histogram histogram) {
                    sums.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add(histogram);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, LatencySummary> out = new TreeMap<>();
        sums.forEach((tag, hist) -> out.put(tag, LatencySummary.of(hist)));
        return out;
    }
}
