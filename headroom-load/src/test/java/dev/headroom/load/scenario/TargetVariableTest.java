package dev.headroom.load.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.headroom.load.cleanup.CleanupSpec;
import dev.headroom.model.spec.SpecException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetVariableTest {
    private static final String SCENARIO =
            """
            target: http://127.0.0.1:8080/
            workload: { profile: { constant: { rate: 10/s, duration: 1s } } }
            requests: [ { path: / } ]
            metrics: [ "${target}/metrics", "http://127.0.0.1:9187/metrics" ]
            cleanup:
              http: { method: DELETE, url: "${target}/internal/runs/${run}" }
              database:
                url: jdbc:h2:mem:shop
                tables: [ { table: orders, marked: "run_id = :run" } ]
            """;

    private static Scenario parse(ScenarioLoader.CommandLine cli) throws SpecException {
        return ScenarioLoader.parse("s.yaml", SCENARIO, cli, Path.of("."));
    }

    @Test
    void target_fillsMetricsAndCleanupUrls_withoutItsTrailingSlash() throws Exception {
        Scenario s = parse(ScenarioLoader.CommandLine.NONE);

        assertThat(s.metrics())
                .containsExactly(
                        URI.create("http://127.0.0.1:8080/metrics"), URI.create("http://127.0.0.1:9187/metrics"));
        assertThat(s.cleanup().flatMap(CleanupSpec::http).orElseThrow().url())
                .isEqualTo("http://127.0.0.1:8080/internal/runs/${run}");
    }

    @Test
    void oneTargetOverride_movesRequestsMetricsAndCleanupTogether() throws Exception {
        Scenario byFlag = parse(new ScenarioLoader.CommandLine(List.of(), List.of("http://127.0.0.1:9000"), List.of()));
        Scenario bySet =
                parse(new ScenarioLoader.CommandLine(List.of("target=http://127.0.0.1:9000"), List.of(), List.of()));

        for (Scenario s : List.of(byFlag, bySet)) {
            assertThat(s.targets()).containsExactly(URI.create("http://127.0.0.1:9000"));
            assertThat(s.metrics()).first().isEqualTo(URI.create("http://127.0.0.1:9000/metrics"));
            assertThat(s.cleanup().flatMap(CleanupSpec::http).orElseThrow().url())
                    .isEqualTo("http://127.0.0.1:9000/internal/runs/${run}");
        }
    }

    @Test
    void aRefusedTarget_isOneProblem_notOneMorePerUrlThatNamesIt() {
        SpecException e = catchThrowableOfType(
                SpecException.class,
                () -> parse(new ScenarioLoader.CommandLine(
                        List.of("target=http://shop.example.com"), List.of(), List.of())));

        assertThat(e.problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("target");
            assertThat(p.rule()).startsWith("refused: the host 'shop.example.com'");
        });
    }
}
