package dev.headroom.sim.validation;

import static dev.headroom.sim.validation.ClosedFormCheck.assertAgrees;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The instance's single core then a single-core database, both with exponential service, Poisson
 * arrivals: two M/M/1 queues in tandem. By Burke's theorem (1956) the first queue's departures are
 * Poisson, and by Jackson ("Networks of waiting lines", Operations Research 5(4), 1957) the network
 * has product form, so the mean response is the sum 1/(mu1 - lambda) + 1/(mu2 - lambda) and each
 * station alone behaves as an M/M/1 queue. Ten replications of 500k requests per case.
 */
class TandemQueueTest {
    private static final int REPLICATIONS = 10;
    private static final double REQUESTS_PER_REPLICATION = 500_000;
    /** 3%: the busier station is at rho = 0.7 or 0.8, where 500k requests a run give 1-2% at 99%. */
    private static final double PRECISION = 0.03;

    private static final Map<String, Replications> RUNS = new HashMap<>();

    private static synchronized Replications runs(double lambda, double webMillis, double dbMillis) {
        return RUNS.computeIfAbsent(
                lambda + "/" + webMillis + "/" + dbMillis,
                k -> Replications.run(
                        QueueModels.tandem(
                                lambda,
                                "{exponential: " + QueueModels.number(webMillis) + "ms}",
                                "{exponential: " + QueueModels.number(dbMillis) + "ms}",
                                REQUESTS_PER_REPLICATION / lambda),
                        REPLICATIONS,
                        4_000));
    }

    @ParameterizedTest(name = "lambda = {0}/s, web {1} ms, db {2} ms")
    @CsvSource({"700, 1, 0.6", "800, 1, 1"})
    void meanResponseTime_isSumOfTheTwoStations(double lambda, double webMillis, double dbMillis) {
        ConfidenceInterval ci = runs(lambda, webMillis, dbMillis)
                .interval(r -> r.summary().latencyMillis().mean() / 1000);
        double closedForm = QueueingFormulas.mm1MeanResponse(lambda, 1000 / webMillis)
                + QueueingFormulas.mm1MeanResponse(lambda, 1000 / dbMillis);
        assertAgrees(
                "tandem " + lambda + "/s " + webMillis + "+" + dbMillis + "ms mean response (s)",
                ci,
                closedForm,
                PRECISION);
    }

    @ParameterizedTest(name = "lambda = {0}/s, web {1} ms, db {2} ms")
    @CsvSource({"700, 1, 0.6", "800, 1, 1"})
    void secondStation_seesPoissonArrivals(double lambda, double webMillis, double dbMillis) {
        // If the first queue's departures were not Poisson, the database would not be M/M/1.
        ConfidenceInterval ci = runs(lambda, webMillis, dbMillis)
                .interval(r -> r.summary().components().get("db.cpu").meanResidenceMillis() / 1000);
        assertAgrees(
                "tandem " + lambda + "/s " + webMillis + "+" + dbMillis + "ms db residence (s)",
                ci,
                QueueingFormulas.mm1MeanResponse(lambda, 1000 / dbMillis),
                PRECISION);
    }
}
