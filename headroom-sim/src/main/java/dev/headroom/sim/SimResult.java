package dev.headroom.sim;

import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.RunSummary;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * A finished simulation: its summary, the seed used, Little's law figures, the latency histogram,
 * the events (credits exhausted...), the surplus CPU credits spent in unlimited mode, and, when a
 * {@link StopRule} ended it before the end of its profile, why.
 */
public record SimResult(
        RunSummary summary,
        long seed,
        double simulatedSeconds,
        List<LittlesLaw> littlesLaw,
        Histogram latencyMicros,
        List<RunEvent> events,
        double surplusCredits,
        Optional<StopRule.Stopped> stopped) {}
