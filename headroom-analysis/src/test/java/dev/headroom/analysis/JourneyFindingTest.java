package dev.headroom.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.model.run.JourneySummary;
import dev.headroom.model.run.LatencySummary;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.Run;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A journey whose sessions were abandoned is a finding naming the funnel's worst step and its errors. */
class JourneyFindingTest {
    private static final LatencySummary L = SyntheticRun.latency(10, 5);

    private static JourneySummary buy(long abandonedAtBasket) {
        return new JourneySummary(
                20,
                20 - abandonedAtBasket,
                abandonedAtBasket,
                0,
                abandonedAtBasket == 0 ? Map.of() : Map.of("journey-extract", abandonedAtBasket),
                L,
                List.of(
                        new JourneySummary.Step("login", 20, 20, 0, 20, Map.of(), L, L),
                        new JourneySummary.Step(
                                "basket",
                                20,
                                20 - abandonedAtBasket,
                                abandonedAtBasket,
                                20 - abandonedAtBasket,
                                abandonedAtBasket == 0 ? Map.of() : Map.of("journey-extract", abandonedAtBasket),
                                L,
                                L)));
    }

    private static RunData measuredWith(JourneySummary buy) {
        RunData base = MeasuredRunTest.measured();
        Measurement m = new Measurement(
                "completed",
                "2026-11-23T00:00:00Z",
                60,
                List.of("http://127.0.0.1:8080"),
                "X-Headroom-Run",
                "measured",
                "open",
                "nio",
                1,
                L,
                L,
                List.of(),
                null,
                Map.of("buy", buy));
        Run run = new Run(
                base.run().metadata(), base.run().summary(), m, base.run().goals());
        return RunData.of(run, base.timeline(), List.of());
    }

    @Test
    void abandonedSessions_areAFindingAtTheWorstStep() {
        Findings f = Analysis.analyse(measuredWith(buy(5)));
        Finding j = f.findings().stream()
                .filter(x -> x.kind().equals("journey-abandoned"))
                .findFirst()
                .orElseThrow();
        assertThat(j.component()).isEqualTo("journey buy");
        assertThat(j.what())
                .isEqualTo("journey 'buy': 5 of 20 sessions abandoned (25.0%), most at step 'basket' (5; errors"
                        + " there: journey-extract 5)");
        assertThat(j.evidence())
                .extracting(Evidence::metric, Evidence::value)
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("abandoned", 5.0),
                        org.assertj.core.api.Assertions.tuple("started", 20.0),
                        org.assertj.core.api.Assertions.tuple("abandonedHere", 5.0));
    }

    @Test
    void aJourneyWithNoAbandonedSession_isNoFinding() {
        Findings f = Analysis.analyse(measuredWith(buy(0)));
        assertThat(f.findings()).noneMatch(x -> x.kind().equals("journey-abandoned"));
    }
}
