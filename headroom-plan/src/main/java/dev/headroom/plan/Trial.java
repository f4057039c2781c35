package dev.headroom.plan;

import java.io.Serializable;
import java.util.List;

/**
 * One configuration to judge, as plain data that can travel to another machine: the spec's text
 * and where it was read from, the overrides that make the configuration, the load margin, the seed
 * (the same for every trial of a plan: common random numbers) and whether the goals must also
 * survive the loss of any one component. {@code baseDir} resolves files the spec names (replay
 * curves), as a path string. A {@code screen} trial stops its run once a goal is lost; without it
 * the run goes to the end whatever happens (what an exhaustive search does).
 */
public record Trial(
        String source,
        String text,
        String baseDir,
        List<String> overrides,
        double margin,
        long seed,
        boolean survive,
        boolean screen)
        implements Serializable {
    public Trial {
        overrides = List.copyOf(overrides);
    }

    /** The same trial run to the end, never stopped early. */
    public Trial unscreened() {
        return new Trial(source, text, baseDir, overrides, margin, seed, survive, false);
    }
}
