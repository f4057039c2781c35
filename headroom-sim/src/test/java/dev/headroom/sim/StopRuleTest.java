package dev.headroom.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.goal.Goals;
import dev.headroom.model.spec.Spec;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A screening run ends once its goals are lost, and only then: what it stops would have failed in full. */
class StopRuleTest {
    /** M/M/1 with a 10 ms mean service; {@code rate} sets the load, the goal p99 <= 100 ms and 1% errors. */
    private static Spec mm1(String rate, String timeout) throws Exception {
        String yaml =
                """
                name: mm1
                goals: { p99: 100ms, errors: 1%% }
                workload:
                  profile: {constant: {rate: %s, duration: 600s}}
                  classes:
                    - name: request
                      cpu: {exponential: 10ms}
                architecture:
                  client: {timeout: %s}
                  pool: {instances: 1, cores: 1, workers: unlimited, acceptQueue: unlimited}
                """
                        .formatted(rate, timeout);
        return SpecLoader.parse("mm1.yaml", yaml, List.of(), Path.of("."));
    }

    private static StopRule rule(Spec spec) {
        Goals goals = spec.goals();
        double expected = spec.workload()
                .profile()
                .expectedArrivals(0, spec.workload().profile().durationSeconds());
        return StopRule.forGoals(goals, expected);
    }

    @Test
    void anOverloadedRun_stopsEarly_onTheLatencyGoal_andTheFullRunFailsIt() throws Exception {
        Spec spec = mm1("120/s", "24h"); // rho = 1.2: the queue grows without end
        SimResult full = Simulation.run(spec, SimOptions.seeded(7));
        SimResult screened = Simulation.run(spec, SimOptions.seeded(7).withStop(rule(spec)));

        assertThat(full.stopped()).isEmpty();
        assertThat(spec.goals().judge(full.summary()))
                .filteredOn(v -> v.goal().equals("p99"))
                .singleElement()
                .satisfies(v -> assertThat(v.met()).isFalse());
        StopRule.Stopped why = screened.stopped().orElseThrow();
        assertThat(why.goal()).isEqualTo("p99");
        assertThat(why.count()).isEqualTo(why.allowed() + 1);
        // 1% of at most 72,000 + 6 sqrt(72,000) + 10 requests may be slower than 100 ms.
        assertThat(why.allowed()).isEqualTo((long) Math.floor(0.01 * Math.ceil(72_000 + 6 * Math.sqrt(72_000) + 10)));
        assertThat(why.atSeconds()).isLessThan(60);
        assertThat(screened.summary().requests()).isLessThan(full.summary().requests() / 10);
    }

    @Test
    void timeoutsCountAgainstTheErrorGoal_andStopTheRun() throws Exception {
        Spec spec = mm1("150/s", "200ms");
        SimResult screened = Simulation.run(spec, SimOptions.seeded(3).withStop(rule(spec)));
        // With 200 ms timeouts the slow requests fail instead: the error goal is the one lost first.
        StopRule.Stopped why = screened.stopped().orElseThrow();
        assertThat(why.goal()).isIn("errors", "p99");
        assertThat(why.count()).isGreaterThan(why.allowed());
        SimResult full = Simulation.run(spec, SimOptions.seeded(3));
        assertThat(spec.goals().judge(full.summary()))
                .filteredOn(v -> v.goal().equals(why.goal()))
                .singleElement()
                .satisfies(v -> assertThat(v.met()).isFalse());
    }

    @Test
    void aRunThatMeetsItsGoals_isNotStopped_andIsTheSameRun() throws Exception {
        Spec spec = mm1("50/s", "24h"); // rho = 0.5: p99 is 92 ms, just inside the goal
        SimResult full = Simulation.run(spec, SimOptions.seeded(11));
        SimResult screened = Simulation.run(spec, SimOptions.seeded(11).withStop(rule(spec)));
        assertThat(screened.stopped()).isEmpty();
        assertThat(screened.summary()).isEqualTo(full.summary());
    }

    @Test
    void whatAStopRuleStops_alwaysFailsInFull_acrossLoadsAndSeeds() throws Exception {
        // Near the edge (p99 = ln(100) / (mu - lambda) is 100 ms at lambda = 54/s) runs pass and fail
        // by luck: whichever way a full run goes, a stopped run must be one that failed.
        int stopped = 0;
        for (String rate : List.of("50/s", "53/s", "54/s", "55/s", "58/s")) {
            for (long seed = 1; seed <= 4; seed++) {
                Spec spec = mm1(rate, "24h");
                SimResult screened =
                        Simulation.run(spec, SimOptions.seeded(seed).withStop(rule(spec)));
                if (screened.stopped().isPresent()) {
                    stopped++;
                    SimResult full = Simulation.run(spec, SimOptions.seeded(seed));
                    assertThat(spec.goals().judge(full.summary()))
                            .as("%s seed %d", rate, seed)
                            .anySatisfy(v -> assertThat(v.met()).isFalse());
                }
            }
        }
        assertThat(stopped).as("some of these runs fail and are stopped").isPositive();
    }

    @Test
    void theMostRequests_isTheExpectationPlusSixStandardDeviations() {
        assertThat(StopRule.mostRequests(10_000)).isEqualTo(10_000 + 600 + 10);
        assertThat(StopRule.mostRequests(0)).isEqualTo(10);
        assertThat(StopRule.allowedSlowFraction("max")).isZero();
        assertThat(StopRule.allowedSlowFraction("p999")).isEqualTo(0.001);
    }
}
