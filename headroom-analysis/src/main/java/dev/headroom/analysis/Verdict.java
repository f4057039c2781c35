package dev.headroom.analysis;

import java.util.List;

/**
 * The SLO verdict. {@code outcome} is {@code met}, {@code broken}, {@code partial} (the run was cut
 * short: never a pass, whatever the figures), {@code invalid} (a measured run whose generator fell
 * behind its own schedule beyond the lag limit: its figures are not the target's, so neither a pass
 * nor a miss) or {@code no-goals}. {@code firstBreachT} is the start
 * of the first interval that broke any goal, -1 when none did.
 */
public record Verdict(String outcome, double firstBreachT, List<GoalResult> goals) {
    public static final String MET = "met";
    public static final String BROKEN = "broken";
    public static final String PARTIAL = "partial";
    public static final String INVALID = "invalid";
    public static final String NO_GOALS = "no-goals";

    public Verdict {
        goals = List.copyOf(goals);
    }
}
