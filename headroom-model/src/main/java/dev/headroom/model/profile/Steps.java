package dev.headroom.model.profile;

import java.util.List;

/** A staircase of constant rates, each held for its own duration. */
public record Steps(List<Step> steps) implements Shape {

    /** One stair: a rate held for a duration. */
    public record Step(double ratePerSecond, double durationSeconds) {}

    public Steps {
        steps = List.copyOf(steps);
    }

    @Override
    public double durationSeconds() {
        double total = 0;
        for (Step s : steps) {
            total += s.durationSeconds();
        }
        return total;
    }

    @Override
    public double rateAt(double t) {
        double end = 0;
        for (Step s : steps) {
            end += s.durationSeconds();
            if (t < end) {
                return s.ratePerSecond();
            }
        }
        return steps.get(steps.size() - 1).ratePerSecond();
    }

    @Override
    public double maxRate(double t0, double t1) {
        double max = 0;
        double start = 0;
        for (Step s : steps) {
            double end = start + s.durationSeconds();
            if (end > t0 && start <= t1) {
                max = Math.max(max, s.ratePerSecond());
            }
            start = end;
        }
        return max;
    }

    @Override
    public String kind() {
        return "steps";
    }
}
