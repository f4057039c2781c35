package dev.headroom.plan;

import dev.headroom.analysis.Headroom;
import java.util.List;
import java.util.Optional;

/**
 * What a plan found. {@code chosen} is the cheapest configuration that passed (empty when none did:
 * then {@code closest} came nearest and {@code bound} says what limits the space). {@code changes}
 * are its values that differ from the spec, as {@code --set} lines. {@code pareto} holds the
 * passing configurations that no other beats on both cost and capacity headroom, cheapest first;
 * {@code cheaper} every configuration cheaper than the chosen one, with why it fails.
 */
public record Plan(
        String name,
        double margin,
        Planner.Objective objective,
        boolean survive,
        long seed,
        double peakRatePerSecond,
        List<Dimension> dimensions,
        Counts counts,
        Optional<Evaluation> asWritten,
        Optional<Candidate> chosen,
        List<String> changes,
        Optional<Headroom> headroom,
        List<Candidate> pareto,
        List<Candidate> cheaper,
        Optional<Candidate> closest,
        Optional<String> bound) {
    public Plan {
        dimensions = List.copyOf(dimensions);
        changes = List.copyOf(changes);
        pareto = List.copyOf(pareto);
        cheaper = List.copyOf(cheaper);
    }

    /** How a configuration's fate was decided. */
    public enum Status {
        /** Simulated in full; every goal held. */
        PASSED,
        /** Simulated in full; a goal broke. */
        FAILED,
        /** Its screening run stopped early, once a goal was lost. */
        SCREENED_OUT,
        /** Ruled out by the utilisation law before any simulation. */
        BOUND,
        /** Fails because a configuration with as much or more of every count failed. */
        INFERRED,
        /** Not a valid spec (a value the spec's rules refuse). */
        INVALID,
        /** Not needed: it costs at least as much as the chosen configuration. */
        COSTLIER
    }

    /**
     * One configuration: its dimension values as {@code path=value}, its status, its cost (the
     * simulated bill's, or the estimate before simulation when {@code estimated}), the goal that
     * broke and the component that gave out, and the evaluation if it was simulated.
     */
    public record Candidate(
            int index,
            List<String> values,
            Status status,
            double cost,
            boolean estimated,
            String goal,
            String component,
            String detail,
            Evaluation evaluation) {
        public Candidate {
            values = List.copyOf(values);
        }
    }

    /**
     * How many configurations the space held and what became of them: {@code invalid},
     * {@code pruned} by the utilisation law, {@code inferred} to fail from a failing larger one,
     * {@code costlier} than the answer and never needed, {@code screened} out by a run stopped
     * early, and {@code full} simulated to the end ({@code passed} of them passed). {@code runs}
     * counts every simulation, including the spec as written and the headroom search; {@code
     * simulatedSeconds} is the profile time they covered.
     */
    public record Counts(
            int space,
            int invalid,
            int pruned,
            int inferred,
            int costlier,
            int screened,
            int full,
            int passed,
            int runs,
            double simulatedSeconds) {}
}
