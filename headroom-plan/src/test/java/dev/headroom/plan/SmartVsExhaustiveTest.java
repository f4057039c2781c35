package dev.headroom.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.spec.SpecException;
import dev.headroom.model.spec.SpecLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * On a space of 216 configurations the smart search must give the answer that simulating every
 * configuration in full gives, and none of what it ruled out without a full run (by the
 * utilisation law, by a failure of a larger configuration, by a screening run stopped early) may
 * pass when simulated in full.
 */
class SmartVsExhaustiveTest {
    static final String SPEC =
            """
            name: small-shop
            seed: 9
            goals: { p99: 200ms, errors: 0.5% }
            workload:
              profile:
                phases:
                  - ramp: { from: 200/s, to: 1200/s, duration: 30s }
                  - constant: { rate: 1200/s, duration: 30s }
              classes:
                - name: browse
                  weight: 80
                  cpu: { exponential: 4ms }
                  db: { queries: 2, cpu: { exponential: 0.4ms }, io: 0 }
                - name: checkout
                  weight: 20
                  cpu: { exponential: 8ms }
                  db: { queries: 5, writes: 2, cpu: { exponential: 4ms }, io: 2 }
            architecture:
              client: { timeout: 5s }
              lb: { routing: least-outstanding }
              pool: { instances: 2, type: c5.large, workers: 64, acceptQueue: 128 }
              cache: { type: r5.large, hitRatio: 0.7, latency: 300us }
              db: { engine: postgres, type: m5.large, connections: 100, volume: { type: gp3, size: 100GiB } }
            """;

    static final List<String> DIMENSIONS = List.of(
            "architecture.pool.type=c5.large,c5.xlarge,m5.large",
            "architecture.pool.instances=1..12",
            "architecture.db.type=m5.large,m5.xlarge,m5.2xlarge",
            "architecture.cache.hitRatio=0.5,0.8");

    static Planner.Request request;
    static Plan plan;
    static Space space;
    /** Each configuration simulated in full without a stop rule: null for an invalid one. */
    static Evaluation[] exhaustive;

    @BeforeAll
    static void planAndSimulateEverything() throws Exception {
        List<Dimension> dims = new ArrayList<>();
        for (String d : DIMENSIONS) {
            dims.add(Dimension.parse(d, "test"));
        }
        request = new Planner.Request(
                "small-shop.yaml", SPEC, Path.of("."), List.of(), dims, 1.0, Planner.Objective.EVENT, false, 9);
        space = new Space(dims);
        try (LocalExecutor ex = LocalExecutor.onAllCores()) {
            plan = Planner.plan(request, ex);
            List<Trial> all = new ArrayList<>();
            List<Integer> valid = new ArrayList<>();
            for (int i = 0; i < space.size(); i++) {
                try {
                    SpecLoader.parse(request.source(), SPEC, space.overrides(i), Path.of("."));
                } catch (SpecException e) {
                    continue;
                }
                valid.add(i);
                all.add(new Trial(request.source(), SPEC, ".", space.overrides(i), 1.0, 9, false, false));
            }
            List<Evaluation> results = ex.evaluate(all);
            exhaustive = new Evaluation[space.size()];
            for (int k = 0; k < valid.size(); k++) {
                exhaustive[valid.get(k)] = results.get(k);
            }
        }
    }

    @Test
    void theSmartSearch_choosesWhatExhaustiveSimulationChooses() {
        int cheapest = -1;
        for (int i = 0; i < exhaustive.length; i++) {
            Evaluation e = exhaustive[i];
            // The cheapest; on a cost tie the most capacity headroom, then the first (the plan's rule).
            if (e != null
                    && e.passed()
                    && (cheapest < 0
                            || e.eventCost() < exhaustive[cheapest].eventCost()
                            || (e.eventCost() == exhaustive[cheapest].eventCost()
                                    && e.capacityRatio() > exhaustive[cheapest].capacityRatio()))) {
                cheapest = i;
            }
        }
        assertThat(cheapest).as("the space holds a passing configuration").isNotNegative();
        assertThat(plan.chosen()).isPresent();
        assertThat(plan.chosen().get().values()).isEqualTo(space.overrides(cheapest));
        assertThat(plan.chosen().get().cost()).isEqualTo(exhaustive[cheapest].eventCost());
    }

    @Test
    void nothingRuledOutWithoutAFullRun_passesInFull() {
        List<Plan.Candidate> decided = new ArrayList<>(plan.cheaper());
        assertThat(decided).isNotEmpty();
        for (Plan.Candidate k : decided) {
            Evaluation full = exhaustive[k.index()];
            if (k.status() == Plan.Status.INVALID) {
                assertThat(full).isNull();
                continue;
            }
            assertThat(full.passed())
                    .as("%s was %s (%s) but passes in full", k.values(), k.status(), k.detail())
                    .isFalse();
        }
        assertThat(decided).extracting(Plan.Candidate::status).contains(Plan.Status.BOUND);
    }

    @Test
    void theUtilisationLawBound_neverRulesOutAConfigurationThatPassesInFull() throws Exception {
        int ruledOut = 0;
        for (int i = 0; i < space.size(); i++) {
            if (exhaustive[i] == null) {
                continue;
            }
            var spec = SpecLoader.parse(request.source(), SPEC, space.overrides(i), Path.of("."));
            var why = CapacityBound.ruledOut(
                    spec, CapacityBound.Curve.of(spec.workload().profile()));
            if (why.isPresent()) {
                ruledOut++;
                assertThat(exhaustive[i].passed())
                        .as("%s is ruled out (%s) but passes in full", space.overrides(i), why.get())
                        .isFalse();
            }
        }
        assertThat(ruledOut).isEqualTo(plan.counts().pruned()).isGreaterThan(20);
    }

    @Test
    void theSmartSearch_simulatesAFractionOfTheSpace() {
        Plan.Counts n = plan.counts();
        assertThat(n.space()).isEqualTo(216);
        assertThat(n.invalid() + n.pruned() + n.inferred() + n.costlier() + n.screened() + n.full())
                .isEqualTo(216);
        assertThat(n.full()).as("configurations simulated in full").isLessThan(216 / 5);
        assertThat(n.pruned()).as("ruled out by the utilisation law").isPositive();
    }

    @Test
    void theSameSeed_givesTheSameAnswer_onAnyNumberOfThreads() throws Exception {
        try (LocalExecutor one = new LocalExecutor(1)) {
            Plan again = Planner.plan(request, one);
            assertThat(again.chosen().get().values())
                    .isEqualTo(plan.chosen().get().values());
            assertThat(again.counts()).isEqualTo(plan.counts());
        }
    }
}
