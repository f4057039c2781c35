package dev.headroom.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Two runs side by side (simulated or measured, in any pairing): who they are, their verdicts and
 * bottlenecks, and a row per figure with both values and the difference {@code b - a}. A value a
 * run does not have (cost of a measurement, headroom never searched) is null, and so is the
 * difference.
 */
public record Comparison(Side a, Side b, List<Row> rows) {
    public Comparison {
        rows = List.copyOf(rows);
    }

    /** One run: where it came from and what the analysis says of it. */
    public record Side(
            String source,
            String runId,
            String kind,
            boolean partial,
            String verdict,
            @JsonInclude(JsonInclude.Include.NON_NULL) String bottleneck,
            @JsonInclude(JsonInclude.Include.NON_NULL) String bottleneckSignal) {}

    /** One figure of both runs. {@code relative} is the difference over {@code a} (null when a is 0). */
    public record Row(String figure, String unit, Double a, Double b, Double difference, Double relative) {}
}
