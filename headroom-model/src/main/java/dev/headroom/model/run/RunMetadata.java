package dev.headroom.model.run;

import java.util.List;

/**
 * Where a run came from: its kind ({@code simulation} or {@code measurement}), id, seed, the
 * digest of the spec text and overrides, and Headroom's version. No wall-clock time, so the same
 * inputs give the same bytes. {@code overrides} holds each {@code --set} as {@code path=value}, and
 * for a measurement each {@code --target} as {@code --target URL}.
 */
public record RunMetadata(
        String format,
        String kind,
        String id,
        String name,
        String version,
        long seed,
        String specFile,
        String specDigest,
        List<String> overrides,
        String arrivals,
        double profileSeconds,
        double peakRatePerSecond) {
    /** Version 2: the summary's cost is the honest bill (event cost, steady cost, line items). */
    public static final String FORMAT = "headroom-run/2";

    public RunMetadata {
        overrides = List.copyOf(overrides);
    }
}
