package dev.headroom.sim;

import dev.headroom.model.run.RunEvent;
import dev.headroom.model.run.RunSummary;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * A finished simulation: its summary, the seed used, Little's law figures, the latency histogram,
 * the events (credits exhausted...) and the surplus CPU credits spent in unlimited mode.
 */
public record SimResult(
        RunSummary summary,
        long seed,
        double simulatedSeconds,
        List<LittlesLaw> littlesLaw,
        Histogram latencyMicros,
        List<RunEvent> events,
        double surplusCredits) {}
