package dev.headroom.sim;

import dev.headroom.model.run.RunSummary;
import java.util.List;
import org.HdrHistogram.Histogram;

/** A finished simulation: its summary, the seed used, Little's law figures, and the latency histogram. */
public record SimResult(
        RunSummary summary, long seed, double simulatedSeconds, List<LittlesLaw> littlesLaw, Histogram latencyMicros) {}
