package dev.headroom.sim.validation;

import static dev.headroom.sim.validation.ClosedFormCheck.assertAgrees;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One instance with one core, a constant service time of 1 ms, Poisson arrivals: M/D/1, whose
 * mean wait is Pollaczek-Khinchine's rho S / (2 (1 - rho)), half the M/M/1 wait at the same load.
 * Ten replications of 500k requests per load.
 */
class MD1QueueTest {
    private static final double SERVICE_SECONDS = 0.001;
    private static final int REPLICATIONS = 10;
    private static final double REQUESTS_PER_REPLICATION = 500_000;
    /**
     * 3%: deterministic service halves the variability of M/M/1, and ten replications of 500k
     * requests reach about 2% at rho = 0.9.
     */
    private static final double PRECISION = 0.03;

    private static final Map<Double, Replications> RUNS = new HashMap<>();

    private static synchronized Replications runs(double rho) {
        return RUNS.computeIfAbsent(rho, r -> {
            double lambda = r / SERVICE_SECONDS;
            return Replications.run(
                    QueueModels.singleStation(1, lambda, "{constant: 1ms}", REQUESTS_PER_REPLICATION / lambda),
                    REPLICATIONS,
                    3_000);
        });
    }

    @ParameterizedTest(name = "rho = {0}")
    @ValueSource(doubles = {0.5, 0.8, 0.9})
    void meanWait_isPollaczekKhinchine(double rho) {
        // The service time is exactly S, so every request's wait is its response time minus S.
        ConfidenceInterval ci =
                runs(rho).interval(r -> r.summary().latencyMillis().mean() / 1000 - SERVICE_SECONDS);
        assertAgrees(
                "M/D/1 rho=" + rho + " mean wait (s)",
                ci,
                QueueingFormulas.md1MeanWait(rho, SERVICE_SECONDS),
                PRECISION);
    }

    @ParameterizedTest(name = "rho = {0}")
    @ValueSource(doubles = {0.5, 0.8, 0.9})
    void meanNumberWaiting_isRhoSquaredOverTwoOneMinusRho(double rho) {
        // Lq = lambda Wq = rho^2 / (2 (1 - rho)), read from the run queue's own time average.
        ConfidenceInterval ci =
                runs(rho).interval(r -> r.summary().components().get("web.cpu").meanWaiting());
        assertAgrees(
                "M/D/1 rho=" + rho + " mean number waiting",
                ci,
                rho / SERVICE_SECONDS * QueueingFormulas.md1MeanWait(rho, SERVICE_SECONDS),
                PRECISION);
    }
}
