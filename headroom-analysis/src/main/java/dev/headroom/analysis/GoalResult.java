package dev.headroom.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One goal judged on a run: {@code goal} is {@code p50}..{@code max} (bound in milliseconds) or
 * {@code errors} (bound a fraction of requests). {@code overall} is the figure over the whole run,
 * and {@code met} whether it is within the bound: that is the verdict. {@code intervalsBroken} of
 * {@code intervalsJudged} intervals went over the bound. A goal the run broke has a
 * {@code firstBreach}: the first interval of its first sustained breach (3 intervals running over
 * the bound), else its first interval over it. A goal the run met has none; its first interval over
 * the bound, if any, is {@code firstExcursion}: a moment, not a miss.
 */
public record GoalResult(
        String goal,
        double bound,
        String unit,
        double overall,
        boolean met,
        int intervalsJudged,
        int intervalsBroken,
        @JsonInclude(JsonInclude.Include.NON_NULL) Evidence firstBreach,
        @JsonInclude(JsonInclude.Include.NON_NULL) Evidence firstExcursion) {

    /** A goal judged without excursions recorded (as written before they were told apart). */
    public GoalResult(
            String goal,
            double bound,
            String unit,
            double overall,
            boolean met,
            int intervalsJudged,
            int intervalsBroken,
            Evidence firstBreach) {
        this(goal, bound, unit, overall, met, intervalsJudged, intervalsBroken, firstBreach, null);
    }
}
