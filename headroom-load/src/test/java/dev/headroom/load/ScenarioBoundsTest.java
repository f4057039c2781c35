package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.model.spec.Problem;
import dev.headroom.model.spec.SpecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A scenario's profile is held to the model's bounds before any arrival is generated. */
@Timeout(10)
class ScenarioBoundsTest {
    private static final String SCENARIO =
            """
            name: bounds
            target: http://127.0.0.1:9
            workload:
              profile: { constant: { rate: RATE, duration: 2s } }
            requests: [ { path: / } ]
            """;

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "1e308/s    | the number is too large",
                "20000000/s | must be at most 10,000,000/s",
                "0/s        | the profile sends nothing: every rate in it is 0/s"
            })
    void anAbsurdOrEmptyProfile_isALocatedProblem(String rate, String rule) {
        assertThatThrownBy(() -> Runs.scenario(SCENARIO.replace("RATE", rate)))
                .isInstanceOfSatisfying(SpecException.class, e -> {
                    assertThat(e.problems()).hasSize(1);
                    Problem p = e.problems().get(0);
                    assertThat(p.source()).isEqualTo("test.yaml");
                    assertThat(p.line()).isEqualTo(4);
                    assertThat(p.rule()).isEqualTo(rule);
                });
    }

    @Test
    void aRateAtTheBound_isAScenario() throws Exception {
        assertThat(Runs.scenario(SCENARIO.replace("RATE", "10_000_000/s")).name())
                .isEqualTo("bounds");
    }
}
