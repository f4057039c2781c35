package dev.headroom.sim.validation;

import static dev.headroom.sim.validation.ClosedFormCheck.assertAgrees;

import dev.headroom.model.run.ComponentSummary;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One instance with one core, exponential service of mean 1 ms (mu = 1000/s), Poisson arrivals at
 * lambda = rho mu, no limits: the M/M/1 queue. The checks of one utilisation share its
 * replications. A short service time keeps the simulated time short, and with it the per-second
 * timeline work; the queue is the same at any time scale.
 */
class MM1QueueTest {
    private static final double MU = 1000;
    private static final String CPU = "{exponential: 1ms}";
    private static final Map<Double, Replications> RUNS = new HashMap<>();

    /**
     * Run length and replications per utilisation, chosen for the precision each can reach in a
     * few seconds. Sojourn times are correlated over the queue's relaxation time, about
     * 1/(mu (1 - sqrt(rho))^2): 12 service times at rho = 0.5, 90 at 0.8, 1,560 at 0.95, so
     * rho = 0.95 needs far more requests than rho = 0.5 for the same precision.
     * A tail quantile is noisier than a mean (it rests on the 1% of requests in the longest
     * queues), so its precision is looser.
     */
    private record Plan(int replications, double durationSeconds, double meanPrecision, double p99Precision) {}

    private static Plan plan(double rho) {
        if (rho == 0.5) {
            return new Plan(10, 400, 0.03, 0.03); // 200k requests each
        }
        if (rho == 0.8) {
            return new Plan(10, 625, 0.03, 0.05); // 500k requests each
        }
        // 1M requests each. The mean gets 4% and the p99 8%: 20M requests span only ~13k
        // relaxation times, so they hold no more independent information than that.
        return new Plan(20, 1_050, 0.04, 0.08);
    }

    private static synchronized Replications runs(double rho) {
        return RUNS.computeIfAbsent(rho, r -> {
            Plan p = plan(r);
            return Replications.run(
                    QueueModels.singleStation(1, r * MU, CPU, p.durationSeconds()), p.replications(), 1_000);
        });
    }

    @ParameterizedTest(name = "rho = {0}")
    @ValueSource(doubles = {0.5, 0.8, 0.95})
    void meanResponseTime_isOneOverMuMinusLambda(double rho) {
        ConfidenceInterval ci =
                runs(rho).interval(r -> r.summary().latencyMillis().mean() / 1000);
        assertAgrees(
                "M/M/1 rho=" + rho + " mean response (s)",
                ci,
                QueueingFormulas.mm1MeanResponse(rho * MU, MU),
                plan(rho).meanPrecision());
    }

    @ParameterizedTest(name = "rho = {0}")
    @ValueSource(doubles = {0.5, 0.8, 0.95})
    void meanNumberInSystem_isRhoOverOneMinusRho(double rho) {
        ConfidenceInterval ci = runs(rho).interval(r -> {
            ComponentSummary cpu = r.summary().components().get("web.cpu");
            return cpu.meanInUse() + cpu.meanWaiting();
        });
        assertAgrees(
                "M/M/1 rho=" + rho + " mean number in system",
                ci,
                QueueingFormulas.mm1MeanInSystem(rho),
                plan(rho).meanPrecision());
    }

    @ParameterizedTest(name = "rho = {0}")
    @ValueSource(doubles = {0.5, 0.8, 0.95})
    void p99ResponseTime_isLn100OverMuMinusLambda(double rho) {
        ConfidenceInterval ci =
                runs(rho).interval(r -> r.summary().latencyMillis().p99() / 1000);
        assertAgrees(
                "M/M/1 rho=" + rho + " p99 response (s)",
                ci,
                QueueingFormulas.mm1ResponseQuantile(0.99, rho * MU, MU),
                plan(rho).p99Precision());
    }
}
