package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.scenario.LoadDefaults;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.run.WarmupSummary;
import dev.headroom.model.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generator's warm-up runs against its own in-process server before the measured window: the
 * target never sees it, the run's figures hold none of it, and {@code client.warmup: false} turns
 * it off.
 */
class WarmupTest {
    @TempDir
    Path dir;

    private static String scenario(String target, String warmup) {
        return """
                name: warm
                target: %s
                workload:
                  arrivals: uniform
                  profile: { constant: { rate: 400/s, duration: 2s } }
                requests: [ { path: /a }, { path: /b, method: HEAD } ]
                journeys:
                  - name: shop
                    steps:
                      - name: login
                        path: /login
                        extract: { token: { json: /token } }
                      - name: cart
                        path: /cart/${token}
                client: { warmup: %s }
                """
                .formatted(target, warmup);
    }

    @Test
    void warmup_runsAgainstItsOwnServer_andNoneOfItReachesTheTargetOrTheFigures() throws Exception {
        try (TestServer server = new TestServer().warmed().body("/login", "{\"token\":\"abc\"}")) {
            LoadEngine.Result r = Runs.run(scenario(server.url(), "3s"), dir);

            WarmupSummary w = r.run().measurement().warmup();
            assertThat(w).isNotNull();
            assertThat(w.requests()).isPositive();
            // Its server answered every kind of request the run sends (a HEAD, a journey's steps) as
            // the generator expects: the warm-up compiled the run's path, not an error path.
            assertThat(w.errors()).isZero();
            assertThat(w.ratePerSecond()).isEqualTo(400.0);
            assertThat(w.seconds()).isLessThan(3.0 + 4.0); // its limit, then its stop and the server's close
            // The target saw exactly the measured requests: every one of them carries the run's tag.
            long measured = r.run().summary().requests();
            assertThat(server.count()).isEqualTo(measured);
            assertThat(server.seen()).allSatisfy(s -> assertThat(s.tag()).isEqualTo(Runs.RUN_ID));
            // Uniform arrivals: 800 due in the 2 s window, each a request or a journey's first step,
            // so the arrivals the run counts are the measured window's alone.
            long arrivals = Files.readAllLines(dir.resolve("timeline.jsonl")).stream()
                    .mapToLong(l -> Long.parseLong(l.replaceAll(".*\"arrivals\":(\\d+).*", "$1")))
                    .sum();
            assertThat(arrivals).isGreaterThanOrEqualTo(800).isEqualTo(measured);
            assertThat(r.run().summary().errorCount()).isZero();
            // The throwaway directory of the collector's rehearsal is gone.
            assertThat(Files.list(Path.of(System.getProperty("java.io.tmpdir")))
                            .filter(p -> p.getFileName().toString().startsWith("headroom-warmup-")))
                    .isEmpty();
        }
    }

    @Test
    void warmupKey_takesFalseTrueOrADuration_andIsInTheDefaultsTable() throws Exception {
        String base = scenario("http://127.0.0.1:1", "WARM");
        assertThat(Runs.scenario(base.replace("WARM", "false")).client().warmupNanos())
                .isZero();
        assertThat(Runs.scenario(base.replace("WARM", "true")).client().warmupNanos())
                .isEqualTo(10_000_000_000L);
        assertThat(Runs.scenario(base.replace("WARM", "2500ms")).client().warmupNanos())
                .isEqualTo(2_500_000_000L);
        assertThat(Runs.scenario(base.replace("client: { warmup: WARM }", ""))
                        .client()
                        .warmupNanos())
                .isZero(); // Runs turns it off for the other tests; the loader's default is below
        assertThat(ScenarioLoader.parse(
                                "s.yaml",
                                base.replace("client: { warmup: WARM }", ""),
                                ScenarioLoader.CommandLine.NONE,
                                Path.of("."))
                        .client()
                        .warmupNanos())
                .isEqualTo(10_000_000_000L);
        assertThat(LoadDefaults.describe()).anyMatch(l -> l.startsWith("client.warmup         at most 10s"));
    }

    @Test
    void warmupKey_badValues_sayWhereAndHowToFixThem() {
        String base = scenario("http://127.0.0.1:1", "WARM");
        assertThatThrownBy(() -> Runs.scenario(base.replace("WARM", "soon")))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).format())
                        .contains("test.yaml:15:")
                        .contains("client.warmup")
                        .contains("soon")
                        .contains("write warmup: false, or warmup: 5s"));
        assertThatThrownBy(() -> Runs.scenario(base.replace("WARM", "5m")))
                .isInstanceOf(SpecException.class)
                .satisfies(e -> assertThat(((SpecException) e).format()).contains("must be between 1ms and 60s"));
    }

    @Test
    void warmupFalse_turnsItOff() throws Exception {
        try (TestServer server = new TestServer().warmed().body("/login", "{\"token\":\"abc\"}")) {
            LoadEngine.Result r = Runs.run(scenario(server.url(), "false"), dir);

            assertThat(r.run().measurement().warmup()).isNull();
            assertThat(Files.readString(dir.resolve("run.json"))).doesNotContain("warmup");
            assertThat(server.count()).isEqualTo(r.run().summary().requests());
        }
    }
}
