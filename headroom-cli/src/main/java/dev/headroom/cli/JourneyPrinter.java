package dev.headroom.cli;

import dev.headroom.model.run.JourneySummary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The journeys of a load run in the terminal: per journey how many started, completed, were
 * abandoned (and why) or cut off, and their duration; then the funnel, one line per step with
 * its requests, successes, journeys abandoned there, throughput, latency from the due time,
 * service time and errors by kind.
 */
final class JourneyPrinter {
    private JourneyPrinter() {}

    static void print(PrintWriter out, Map<String, JourneySummary> journeys) {
        if (journeys.isEmpty()) {
            return;
        }
        out.println();
        out.println("journeys    started completed abandoned unfinished   duration p50/p99 ms");
        for (Map.Entry<String, JourneySummary> e : journeys.entrySet()) {
            JourneySummary j = e.getValue();
            out.println(String.format(
                    Locale.US,
                    "  %-10s %7d %9d %9d %10d   %9.1f %9.1f%s",
                    e.getKey(),
                    j.started(),
                    j.completed(),
                    j.abandoned(),
                    j.unfinished(),
                    j.durationMillis().p50(),
                    j.durationMillis().p99(),
                    j.abandonedBy().isEmpty() ? "" : "   abandoned: " + kinds(j.abandonedBy())));
            // A long step name widens its journey's column rather than shifting its row.
            int width = Math.max(
                    10,
                    j.steps().stream().mapToInt(s -> s.name().length()).max().orElse(0));
            out.println(String.format(
                    Locale.US,
                    "    %-" + width + "s   sent     ok  abandoned     /s  latency p50/p99 ms  service p50 ms",
                    "step"));
            for (JourneySummary.Step s : j.steps()) {
                out.println(String.format(
                        Locale.US,
                        "    %-" + width + "s %6d %6d %10d %6.1f %9.2f %9.2f %14.2f%s",
                        s.name(),
                        s.requests(),
                        s.completed(),
                        s.abandoned(),
                        s.throughputPerSecond(),
                        s.latencyMillis().p50(),
                        s.latencyMillis().p99(),
                        s.serviceMillis().p50(),
                        s.errors().isEmpty() ? "" : "   errors: " + kinds(s.errors())));
            }
        }
    }

    private static String kinds(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(k -> k.getKey() + " " + k.getValue())
                .collect(Collectors.joining(", "));
    }
}
