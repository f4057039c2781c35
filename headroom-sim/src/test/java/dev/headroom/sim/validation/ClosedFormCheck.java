package dev.headroom.sim.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

/**
 * Checks a simulated estimate against its closed form in the two ways that make the check mean
 * something: the closed form lies inside the confidence interval (the simulator is not visibly
 * wrong), and the interval is narrow (the test had the power to see it if it were).
 */
final class ClosedFormCheck {
    private ClosedFormCheck() {}

    static void assertAgrees(String what, ConfidenceInterval ci, double closedForm, double maxRelativeHalfWidth) {
        // Printed so a run of the suite is also the validation report.
        System.out.printf(
                Locale.US,
                "%-44s closed form %.6g, simulated %s, relative half-width %.2f%%%n",
                what,
                closedForm,
                ci,
                100 * ci.relativeHalfWidth(closedForm));
        assertThat(ci.relativeHalfWidth(closedForm))
                .as(
                        "%s: precision of %s (want a half-width under %.1f%% of %.6g)",
                        what, ci, 100 * maxRelativeHalfWidth, closedForm)
                .isLessThan(maxRelativeHalfWidth);
        assertThat(ci.contains(closedForm))
                .as("%s: closed form %.6g inside %s", what, closedForm, ci)
                .isTrue();
    }
}
