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

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/fail", exchange -> {
            seen.incrementAndGet();
            exchange.sendResponseHeaders(500, -1);
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
