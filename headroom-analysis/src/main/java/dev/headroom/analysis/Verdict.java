package dev.headroom.analysis;

import java.util.List;

/**
 * The SLO verdict. {@code outcome} is {@code met}, {@code broken}, {@code partial} (the run was cut
 * short: never a pass, whatever the figures) or {@code no-goals}. {@code firstBreachT} is the start
 * of the first interval that broke any goal, -1 when none did.
 */
public record Verdict(String outcome, double firstBreachT, List<GoalResult> goals) {
    public static final String MET = "met";
    public static final String BROKEN = "broken";
    public static final String PARTIAL = "partial";
    public static final String NO_GOALS = "no-goals";

    public Verdict {
        goals = List.copyOf(goals);
    }
}
