package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCommandTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final AtomicLong seen = new AtomicLong();
    private final AtomicLong scraped = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fail", exchange -> {
            seen.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        server.createContext("/metrics", exchange -> {
            scraped.incrementAndGet();
            byte[] body = "shop_up 1\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/", exchange -> {
            seen.incrementAndGet();
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private Path scenario(String thresholds) throws Exception {
        Path p = dir.resolve("load.yaml");
        Files.writeString(
                p,
                """
                name: cli
                target: http://127.0.0.1:%d
                workload:
                  profile: { constant: { rate: 100/s, duration: 2s } }
                requests: [ { path: / } ]
                thresholds: [ %s ]
                # A busy machine's lag must not decide these verdicts (the lag limit has its own tests).
                client: { lagLimit: 10s }
                """
                        .formatted(server.getAddress().getPort(), thresholds));
        return p;
    }

    @Test
    void load_printsTheSummaryAndWritesTheRunDirectory_exit0WhenThresholdsHold() throws Exception {
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("load", scenario("\"errors < 1%\"").toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.out()).isZero();
        assertThat(run.err()).contains("every request carries X-Headroom-Run: cli-");
        assertThat(run.out()).contains("measurement  seed 20260101 (default)");
        assertThat(run.out())
                .contains("requests ")
                .contains("latency ms")
                .contains("service")
                .contains("lag");
        assertThat(run.out()).contains("ok   threshold  errors < 1%").endsWith("PASS" + System.lineSeparator());
        JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertThat(json.path("metadata").path("kind").asText()).isEqualTo("measurement");
        assertThat(json.path("summary").path("requests").asLong())
                .isEqualTo(seen.get())
                .isPositive();
        assertThat(out.resolve("latency.hlog")).isNotEmptyFile();
        assertThat(out.resolve("spec.yaml")).isNotEmptyFile();
        // The threshold is the run's goal, judged by the analysis too, whose findings come first.
        assertThat(json.path("goals").path("maxErrorRate").asDouble()).isEqualTo(0.01);
        JsonNode findings =
                new ObjectMapper().readTree(out.resolve("findings.json").toFile());
        assertThat(findings.path("runKind").asText()).isEqualTo("measurement");
        assertThat(findings.path("verdict").path("outcome").asText()).isEqualTo("met");
        assertThat(run.out().indexOf("GOALS MET")).isLessThan(run.out().indexOf("requests "));
        assertThat(out.resolve("report.html")).isNotEmptyFile();
        assertThat(run.err()).contains("report: " + out.resolve("report.html"));
    }

    @Test
    void aJourneyScenario_printsTheFunnel_andNoEnvironmentValueReachesTheOutputOrTheRunDirectory() throws Exception {
        String secret = System.getenv("PATH");
        org.junit.jupiter.api.Assumptions.assumeTrue(secret != null && secret.length() > 8);
        Path p = dir.resolve("journey.yaml");
        Files.writeString(
                p,
                """
                name: cli-journey
                target: http://127.0.0.1:%d
                workload:
                  profile: { constant: { rate: 20/s, duration: 1s } }
                client: { lagLimit: 10s }
                journeys:
                  - name: visit
                    steps:
                      - { name: home, path: /, extract: { code: { status: true } } }
                      - think: 10ms
                      - { name: again, path: '/?code=${code}', headers: { X-Secret: '${env.PATH}' } }
                """
                        .formatted(server.getAddress().getPort()));
        Path out = dir.resolve("run");
        CliRun run = CliRun.of("load", p.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("journeys    started completed abandoned unfinished");
        assertThat(run.out()).containsPattern("home\\s+\\d+\\s+\\d+\\s+0");
        assertThat(run.out()).contains("again");
        JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        JsonNode visit = json.path("measurement").path("journeys").path("visit");
        assertThat(visit.path("started").asLong())
                .isPositive()
                .isEqualTo(visit.path("completed").asLong());
        assertThat(visit.path("steps").get(1).path("name").asText()).isEqualTo("again");
        assertThat(json.path("summary").path("requests").asLong()).isEqualTo(seen.get());
        assertThat(run.out()).doesNotContain(secret);
        assertThat(run.err()).doesNotContain(secret);
        try (java.util.stream.Stream<Path> files = Files.walk(out)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1))
                        .as(f.toString())
                        .doesNotContain(secret);
            }
        }
        assertThat(Files.readString(out.resolve("spec.yaml"))).contains("${env.PATH}");
    }

    @Test
    void oneTargetFlag_movesTheRequestsAndTheMetricsUrl_andIsRecordedWithTheOverrides() throws Exception {
        Path p = dir.resolve("moved.yaml");
        Files.writeString(
                p,
                """
                name: moved
                target: http://127.0.0.1:1
                workload:
                  profile: { constant: { rate: 20/s, duration: 2s } }
                requests: [ { path: / } ]
                metrics: [ "${target}/metrics" ]
                client: { lagLimit: 10s }
                """);
        String target = "http://127.0.0.1:" + server.getAddress().getPort();
        Path out = dir.resolve("run");

        CliRun run = CliRun.of("load", p.toString(), "--target", target, "--out", out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
        assertThat(seen.get()).isPositive();
        assertThat(scraped.get()).isPositive();
        assertThat(run.out()).contains("  --target " + target);
        JsonNode overrides = new ObjectMapper()
                .readTree(out.resolve("run.json").toFile())
                .path("metadata")
                .path("overrides");
        assertThat(overrides.toString()).isEqualTo("[\"--target " + target + "\"]");
    }

    @Test
    void aFailedThreshold_exits1() throws Exception {
        CliRun run = CliRun.of(
                "load",
                scenario("\"throughput > 1000/s\"").toString(),
                "--out",
                dir.resolve("r").toString(),
                "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("measurement")
                        .path("verdicts")
                        .get(0)
                        .path("passed")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void aTargetThatIsNotAllowed_exits2_beforeAnyRequest() throws Exception {
        CliRun run = CliRun.of(
                "load",
                scenario("\"errors < 1%\"").toString(),
                "--target",
                "http://shop.example.invalid",
                "--out",
                dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--target http://shop.example.invalid").contains("--allow-host");
        assertThat(seen.get()).isZero();
        assertThat(dir.resolve("r")).doesNotExist();
    }

    /** No thresholds written: the default error threshold still fails a run in which every request failed. */
    @Test
    void aRunOfPureErrors_withoutThresholds_exits1_byTheDefaultErrorThreshold() throws Exception {
        Path p = dir.resolve("fail.yaml");
        Files.writeString(
                p,
                """
                name: fail
                target: http://127.0.0.1:%d
                workload:
                  profile: { constant: { rate: 50/s, duration: 1s } }
                requests: [ { path: /fail } ]
                """
                        .formatted(server.getAddress().getPort()));
        CliRun run = CliRun.of("load", p.toString(), "--out", dir.resolve("r").toString());

        assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
        assertThat(seen.get()).isPositive();
        assertThat(run.out())
                .contains("FAIL threshold  errors < 10% (default)")
                .endsWith("FAIL" + System.lineSeparator());
    }

    @Test
    void aHeaderWithALineBreak_exits2_withItsLocation_beforeAnyRequest() throws Exception {
        Path p = dir.resolve("inject.yaml");
        Files.writeString(
                p,
                """
                name: inject
                target: http://127.0.0.1:%d
                workload:
                  profile: { constant: { rate: 50/s, duration: 1s } }
                requests:
                  - path: /
                    headers: { X-Note: "a\\r\\nX-Admin: true" }
                """
                        .formatted(server.getAddress().getPort()));
        CliRun run = CliRun.of("load", p.toString(), "--out", dir.resolve("r").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err())
                .contains("inject.yaml:7:24")
                .contains("cannot hold CR, LF")
                .doesNotContain("Exception");
        assertThat(seen.get()).isZero();
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void help_listsEveryDefault_oneALine_includingTheDefaultErrorThreshold() {
        CliRun run = CliRun.of("load", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out())
                .contains(
                        "  thresholds            errors < 10% when no threshold is on errors" + System.lineSeparator())
                .contains("  client.bodyLimit      4MiB (buffered per body check; longer: body-too-large)"
                        + System.lineSeparator())
                .doesNotContain("%n");
    }
}
