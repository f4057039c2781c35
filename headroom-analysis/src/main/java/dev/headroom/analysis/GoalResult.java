package dev.headroom.analysis;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One goal judged on a run: {@code goal} is {@code p50}..{@code max} (bound in milliseconds) or
 * {@code errors} (bound a fraction of requests). {@code overall} is the figure over the whole run;
 * {@code intervalsBroken} of {@code intervalsJudged} intervals broke it and {@code firstBreach} is
 * the first of them (null when none did).
 */
public record GoalResult(
        String goal,
        double bound,
        String unit,
        double overall,
        boolean met,
        int intervalsJudged,
        int intervalsBroken,
        @JsonInclude(JsonInclude.Include.NON_NULL) Evidence firstBreach) {}
