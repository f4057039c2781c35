package dev.headroom.analysis.usl;

import java.util.List;

/**
 * A least-squares fit of the {@link UslModel} to measured points. The errors are the parameters'
 * standard errors from the fit's covariance (zero for a parameter held at its bound of zero).
 * {@code amdahlOnly} says coherency was not significantly above zero, so the model is Amdahl's law
 * ({@code kappa = 0}): throughput levels off but has no peak. {@code warnings} say when the data
 * cannot support the fit, in words a user can act on.
 */
public record UslFit(
        UslModel model,
        double sigmaError,
        double kappaError,
        double lambdaError,
        double rSquared,
        int points,
        int distinctConcurrencies,
        int iterations,
        boolean amdahlOnly,
        List<String> warnings) {

    public UslFit {
        warnings = List.copyOf(warnings);
    }
}
