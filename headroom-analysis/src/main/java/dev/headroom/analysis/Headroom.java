package dev.headroom.analysis;

import java.util.List;

/**
 * The highest arrival rate the system sustains within its goals, as a multiple of the profile's
 * peak ({@code ratio} 0.62 = fails at 62% of the peak). {@code method} is {@code search} (a
 * simulation run at scaled copies of its profile, to {@code precision} of the ratio) or
 * {@code measured} (read from where the goals broke in a ramp or step run). {@code bounded} is
 * false when the search stopped at its top scale with every goal still met (the ratio is then a
 * lower bound). {@code probes} are the scales tried, in order of scale.
 */
public record Headroom(
        double ratio,
        double sustainedRatePerSecond,
        double peakRatePerSecond,
        String method,
        double precision,
        boolean bounded,
        String summary,
        List<Probe> probes,
        List<Evidence> evidence) {
    public Headroom {
        probes = List.copyOf(probes);
        evidence = List.copyOf(evidence);
    }

    /** One scaled run of the search: its scale, whether every goal held, and the goal that broke first. */
    public record Probe(double scale, boolean met, String broken) {}
}
