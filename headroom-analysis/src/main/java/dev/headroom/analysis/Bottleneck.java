package dev.headroom.analysis;

import java.util.List;

/**
 * The component that saturated first around the first SLO breach (or, with no breach, the most
 * saturated one), how ({@code signal}, for example {@code volume credits exhausted}), from when
 * ({@code t} seconds), and the causal chain along the request path from it to the breach, in time
 * order.
 */
public record Bottleneck(String component, String signal, double t, String summary, List<Link> chain) {
    public Bottleneck {
        chain = List.copyOf(chain);
    }
}
