package dev.headroom.sim.validation;

import static dev.headroom.sim.validation.ClosedFormCheck.assertAgrees;

import dev.headroom.model.run.ComponentSummary;
import dev.headroom.sim.SimResult;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One instance with c cores sharing one FCFS run queue, exponential service of mean 1 ms
 * (mu = 1000/s per core), Poisson arrivals at lambda = rho c mu: the M/M/c queue and Erlang C.
 * Each case runs 10 replications of 1M requests; its three checks share them.
 */
class ErlangCQueueTest {
    private static final double MU = 1000;
    private static final int REPLICATIONS = 10;
    private static final double REQUESTS_PER_REPLICATION = 1_000_000;
    /** 3% on the mean response: ten replications of 1M requests reach 0.5-2% at these loads. */
    private static final double RESPONSE_PRECISION = 0.03;
    /**
     * 4% on the mean wait: the wait is the bursty half of the response (most requests wait little,
     * a few wait long), so the same runs estimate it about twice as loosely.
     */
    private static final double WAIT_PRECISION = 0.04;
    /** 5% on P(wait): it comes from a tail fraction, a noisier estimate than a mean (1-2.5% reached). */
    private static final double WAIT_PROBABILITY_PRECISION = 0.05;

    private static final Map<String, Replications> RUNS = new HashMap<>();

    private static synchronized Replications runs(int c, double rho) {
        return RUNS.computeIfAbsent(c + "/" + rho, k -> {
            double lambda = rho * c * MU;
            return Replications.run(
                    QueueModels.singleStation(c, lambda, "{exponential: 1ms}", REQUESTS_PER_REPLICATION / lambda),
                    REPLICATIONS,
                    2_000);
        });
    }

    @ParameterizedTest(name = "c = {0}, rho = {1}")
    @CsvSource({"2, 0.7", "4, 0.85", "8, 0.9"})
    void meanWait_isErlangCOverCMuMinusLambda(int c, double rho) {
        // The wait measured by the queue itself: time-average number waiting over throughput (Little).
        ConfidenceInterval ci = runs(c, rho).interval(r -> {
            ComponentSummary cpu = r.summary().components().get("web.cpu");
            return cpu.meanWaiting() / cpu.throughputPerSecond();
        });
        assertAgrees(
                "M/M/" + c + " rho=" + rho + " mean wait (s)",
                ci,
                QueueingFormulas.mmcMeanWait(c, rho * c * MU, MU),
                WAIT_PRECISION);
    }

    @ParameterizedTest(name = "c = {0}, rho = {1}")
    @CsvSource({"2, 0.7", "4, 0.85", "8, 0.9"})
    void meanResponseTime_isMeanWaitPlusService(int c, double rho) {
        ConfidenceInterval ci =
                runs(c, rho).interval(r -> r.summary().latencyMillis().mean() / 1000);
        assertAgrees(
                "M/M/" + c + " rho=" + rho + " mean response (s)",
                ci,
                QueueingFormulas.mmcMeanWait(c, rho * c * MU, MU) + 1 / MU,
                RESPONSE_PRECISION);
    }

    /**
     * The simulator does not report who waited, so P(wait) is read off the response times: the
     * fraction slower than t is (1 - C) e^(-mu t) + C P(W + S > t), linear in C, and is inverted
     * for C at t = the mean response time, where the waiting and non-waiting terms differ most
     * clearly. A wrong C, or a wait that is not exponential(c mu - lambda), shows up here.
     */
    @ParameterizedTest(name = "c = {0}, rho = {1}")
    @CsvSource({"2, 0.7", "4, 0.85", "8, 0.9"})
    void probabilityOfWaiting_isErlangC(int c, double rho) {
        double lambda = rho * c * MU;
        double t = QueueingFormulas.mmcMeanWait(c, lambda, MU) + 1 / MU;
        ConfidenceInterval ci = runs(c, rho)
                .interval(r -> QueueingFormulas.mmcWaitProbabilityFromTail(tailFraction(r, t), t, c, lambda, MU));
        assertAgrees(
                "M/M/" + c + " rho=" + rho + " P(wait)",
                ci,
                QueueingFormulas.erlangC(c, lambda / MU),
                WAIT_PROBABILITY_PRECISION);
    }

    /** The fraction of successful responses slower than {@code seconds}. */
    static double tailFraction(SimResult r, double seconds) {
        Histogram h = r.latencyMicros();
        long atOrBelow = h.getCountBetweenValues(0, Math.round(seconds * 1e6));
        return 1 - (double) atOrBelow / h.getTotalCount();
    }
}
