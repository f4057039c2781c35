package dev.headroom.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.run.Measurement;
import dev.headroom.model.run.RunJson;
import dev.headroom.model.spec.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's tag, where load may go, guards and thresholds. */
class SafetyAndGuardsTest {
    @TempDir
    Path dir;

    @Test
    void everyRequestTheServerSaw_carriesTheRunTag() throws Exception {
        try (TestServer server = new TestServer().warmed()) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: tag
                    target: %s
                    workload:
                      profile: { constant: { rate: 300/s, duration: 2s } }
                    requests: [ { path: /x } ]
                    """
                            .formatted(server.url()),
                    dir);

            assertThat(server.count()).isEqualTo(r.run().summary().requests()).isPositive();
            assertThat(server.seen()).allSatisfy(s -> assertThat(s.tag()).isEqualTo(Runs.RUN_ID));
            assertThat(r.run().measurement().runTag()).isEqualTo(Runs.RUN_ID);
        }
    }

    @Test
    void aHostNeitherLoopbackNorAllowed_isRefusedBeforeAnyRequest_withHowToAllowIt() throws Exception {
        try (TestServer server = new TestServer()) {
            String yaml =
                    """
                    name: refused
                    targets:
                      - %s
                      - http://shop.example.invalid:8080
                    workload:
                      profile: { constant: { rate: 100/s, duration: 2s } }
                    requests: [ { path: / } ]
                    """
                            .formatted(server.url());

            assertThatThrownBy(() -> Runs.run(yaml, dir))
                    .isInstanceOf(SpecException.class)
                    .satisfies(e -> {
                        String msg = ((SpecException) e).format();
                        assertThat(msg).contains("test.yaml:4:5");
                        assertThat(msg).contains("refused: the host 'shop.example.invalid'");
                        assertThat(msg).contains("--allow-host shop.example.invalid");
                    });
            assertThat(server.count()).isZero();
            assertThat(dir.resolve("run.json")).doesNotExist();

            // Listed on the command line, the same host is accepted (nothing is sent here).
            ScenarioLoader.CommandLine allow =
                    new ScenarioLoader.CommandLine(List.of(), List.of(), List.of("shop.example.invalid"));
            assertThat(ScenarioLoader.parse("test.yaml", yaml, allow, Path.of("."))
                            .targets())
                    .hasSize(2);
        }
    }

    @Test
    void aTargetGivenOnTheCommandLine_isCheckedToo() {
        String yaml =
                """
                target: http://127.0.0.1:1
                workload:
                  profile: { constant: { rate: 100/s, duration: 2s } }
                requests: [ { path: / } ]
                """;
        ScenarioLoader.CommandLine cli =
                new ScenarioLoader.CommandLine(List.of(), List.of("https://10.1.2.3/api"), List.of());
        assertThatThrownBy(() -> ScenarioLoader.parse("test.yaml", yaml, cli, Path.of(".")))
                .isInstanceOf(SpecException.class)
                .hasMessageContaining("1 problem")
                .satisfies(e -> assertThat(((SpecException) e).format())
                        .contains("--target https://10.1.2.3/api")
                        .contains("not loopback"));
    }

    @Test
    void latencyGuard_tripsWithinASecond_andEndsTheRunWithItsReason() throws Exception {
        try (TestServer server = new TestServer().warmed().delay(300)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: guard
                    target: %s
                    workload:
                      profile: { constant: { rate: 50/s, duration: 20s } }
                    requests: [ { path: / } ]
                    guards:
                      - p99 > 100ms over 5s
                      - errors > 5%% over 5s
                    """
                            .formatted(server.url()),
                    dir);

            Measurement m = r.run().measurement();
            assertThat(m.status()).isEqualTo("stopped by guard");
            assertThat(r.stopReason()).startsWith("guard p99 > 100ms over 5s tripped at ");
            Measurement.Verdict trip = m.verdicts().get(0);
            assertThat(trip.kind()).isEqualTo("guard");
            assertThat(trip.passed()).isFalse();
            // Requests in flight count at their age: the guard need not wait for the 300 ms answers.
            assertThat(trip.observed()).isGreaterThan(100.0);
            assertThat(trip.atSeconds()).isLessThan(1.5);
            assertThat(r.guardStop().orElseThrow().reactionSeconds()).isLessThan(1.0);
            // Arrivals stopped at once; what was in flight finished (300 ms) and the run ended.
            assertThat(m.elapsedSeconds()).isLessThan(3.0);
            assertThat(r.run().summary().requests()).isLessThan(80);
            assertThat(r.passed()).isFalse();
        }
    }

    /**
     * The promise is "arrivals stop within a second of the guard's condition holding". The engine
     * records the start of the sub-interval whose data first made the condition hold, and the
     * moment the last event loop stopped its arrivals; evaluated once a second, the gap could never
     * be under a second (the evidence arrives anywhere in a one-second interval).
     */
    @Test
    void aTrippedGuard_stopsArrivalsWithinASecondOfItsConditionHolding() throws Exception {
        try (TestServer server = new TestServer().warmed().failAfter(300)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: reaction
                    target: %s
                    workload:
                      arrivals: uniform
                      profile: { constant: { rate: 200/s, duration: 20s } }
                    requests: [ { path: / } ]
                    guards: [ "errors > 1%% over 5s" ]
                    """
                            .formatted(server.url()),
                    dir);

            assertThat(r.run().measurement().status()).isEqualTo("stopped by guard");
            LoadEngine.GuardStop stop = r.guardStop().orElseThrow();
            assertThat(stop.rule()).isEqualTo("errors > 1% over 5s");
            assertThat(stop.conditionSinceSeconds()).isGreaterThan(1.0);
            assertThat(stop.decidedAtSeconds()).isGreaterThan(stop.conditionSinceSeconds());
            assertThat(stop.arrivalsStoppedAtSeconds()).isGreaterThanOrEqualTo(stop.decidedAtSeconds());
            assertThat(stop.reactionSeconds()).isLessThan(1.0);
            // No error was recorded in any second that ended before the condition's sub-interval began.
            assertThat(r.run().summary().errors()).containsOnlyKeys("http-500");
            assertThat(Files.readAllLines(dir.resolve("timeline.jsonl")).stream()
                            .map(SafetyAndGuardsTest::json)
                            .filter(t -> t.path("t").asDouble() + 1 <= stop.conditionSinceSeconds()))
                    .isNotEmpty()
                    .allSatisfy(t -> assertThat(t.path("errors").size()).isZero());
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String line) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Arrivals waiting for a connection have not been sent, yet their lag already counts. */
    @Test
    void waitGuard_tripsWhileArrivalsWaitForAConnection() throws Exception {
        try (TestServer server = new TestServer().warmed().delay(2_000)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: wait
                    target: %s
                    workload:
                      profile: { constant: { rate: 50/s, duration: 20s } }
                    requests: [ { path: / } ]
                    client: { connections: 2, grace: 3s }
                    guards: [ "wait > 200ms over 5s" ]
                    thresholds: [ "errors < 1%%" ]
                    """
                            .formatted(server.url()),
                    dir);

            Measurement.Verdict trip = r.run().measurement().verdicts().get(0);
            assertThat(trip.rule()).isEqualTo("wait > 200ms over 5s");
            assertThat(trip.passed()).isFalse();
            assertThat(trip.atSeconds()).isLessThan(1.5);
            // Arrivals held for a connection count at their wait so far, before any is sent.
            assertThat(trip.observed()).isGreaterThan(200.0);
            // The arrivals that were due but never sent when the guard stopped the run are counted,
            // not dropped, and not as errors: the stop cut them off. The two in flight finish in
            // the grace, so no request failed and the error threshold holds.
            Measurement m = r.run().measurement();
            assertThat(m.notSent()).isPositive();
            assertThat(r.run().summary().errors()).isEmpty();
            assertThat(r.run().summary().requests()).isEqualTo(r.run().summary().completed() + m.notSent());
            assertThat(m.verdicts())
                    .filteredOn(v -> v.rule().equals("errors < 1%"))
                    .singleElement()
                    .satisfies(v -> assertThat(v.passed()).isTrue());
            assertThat(RunJson.pretty(r.run())).contains("\"notSent\" : " + m.notSent());
        }
    }

    @Test
    void lagGuard_watchesTheGeneratorsOwnLag_notTheTargetsBackpressure() throws Exception {
        try (TestServer server = new TestServer().warmed().delay(500)) {
            LoadEngine.Result r = Runs.run(
                    """
                    name: lag
                    target: %s
                    workload:
                      profile: { constant: { rate: 50/s, duration: 4s } }
                    requests: [ { path: / } ]
                    client: { connections: 2, grace: 3s, lagLimit: 1h }
                    guards: [ "lag > 200ms over 2s" ]
                    """
                            .formatted(server.url()),
                    dir);

            // Two connections at 500 ms serve 4/s of the 50/s: arrivals wait seconds for a connection.
            Measurement m = r.run().measurement();
            assertThat(m.waitMillis().p99()).isGreaterThan(1_000.0);
            // That wait is the target's backpressure, so the generator's lag guard holds.
            assertThat(m.verdicts())
                    .filteredOn(v -> v.kind().equals("guard"))
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.rule()).isEqualTo("lag > 200ms over 2s");
                        assertThat(v.passed()).isTrue();
                    });
        }
    }

    @Test
    void thresholds_decideThePass() throws Exception {
        try (TestServer server = new TestServer().warmed()) {
            String yaml =
                    """
                    name: thresholds
                    target: %s
                    workload:
                      profile: { constant: { rate: 100/s, duration: 2s } }
                    requests: [ { path: / } ]
                    thresholds:
                      - p99 < 2s
                      - errors < 1%%
                      - throughput >= %s
                    # The verdicts here are the thresholds'; a busy machine's lag must not decide them.
                    client: { lagLimit: 10s }
                    """;
            LoadEngine.Result pass = Runs.run(yaml.formatted(server.url(), "50/s"), dir.resolve("a"));
            LoadEngine.Result fail = Runs.run(yaml.formatted(server.url(), "500/s"), dir.resolve("b"));

            assertThat(pass.passed()).isTrue();
            assertThat(pass.run().measurement().verdicts())
                    .extracting(Measurement.Verdict::kind)
                    .containsExactly("threshold", "threshold", "threshold", "lag-limit");
            assertThat(fail.passed()).isFalse();
            assertThat(fail.run().measurement().verdicts())
                    .filteredOn(v -> !v.passed())
                    .extracting(Measurement.Verdict::rule)
                    .containsExactly("throughput >= 500/s");
        }
    }

    /** A run in which every request fails must not pass because nobody wrote an errors threshold. */
    @Test
    void aRunOfPureErrors_withoutThresholds_failsTheDefaultErrorThreshold_unlessSwitchedOff() throws Exception {
        try (TestServer server = new TestServer().warmed()) {
            String yaml =
                    """
                    name: all-errors
                    target: %s
                    workload:
                      profile: { constant: { rate: 50/s, duration: 1s } }
                    requests: [ { path: /status/500 } ]
                    client: { lagLimit: 10s }
                    %s
                    """;
            LoadEngine.Result failed = Runs.run(yaml.formatted(server.url(), ""), dir.resolve("a"));
            LoadEngine.Result off =
                    Runs.run(yaml.formatted(server.url(), "defaultThresholds: false"), dir.resolve("b"));
            LoadEngine.Result own =
                    Runs.run(yaml.formatted(server.url(), "thresholds: [ \"errors <= 100%\" ]"), dir.resolve("c"));

            assertThat(failed.run().summary().errors()).containsOnlyKeys("http-500");
            assertThat(failed.passed()).isFalse();
            assertThat(failed.run().measurement().verdicts())
                    .filteredOn(v -> v.kind().equals("threshold"))
                    .singleElement()
                    .satisfies(v -> {
                        assertThat(v.rule()).isEqualTo("errors < 10% (default)");
                        assertThat(v.passed()).isFalse();
                        assertThat(v.observed()).isEqualTo(1.0);
                    });
            assertThat(failed.run().goals().maxErrorRate()).isEqualTo(0.1);
            assertThat(off.passed()).isTrue();
            assertThat(off.run().measurement().verdicts())
                    .extracting(Measurement.Verdict::kind)
                    .containsExactly("lag-limit");
            assertThat(own.passed()).isTrue();
            assertThat(own.run().measurement().verdicts())
                    .extracting(Measurement.Verdict::rule)
                    .containsExactly("errors <= 100%", "lag.p99 <= 10000.0ms");
        }
    }
}
