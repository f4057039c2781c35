package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who is to blame for the delay from due time to send: a slow target that keeps every connection
 * busy (backpressure, the target's latency) or a generator behind its own schedule (an invalid
 * measurement, exit 3). Real HTTP servers on 127.0.0.1.
 */
@Timeout(60)
class LagHonestyTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 128);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange);
        });
        server.createContext("/", LagHonestyTest::answer);
        server.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange) throws java.io.IOException {
        byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }

    private Path scenario(String path, String rate, String client, String thresholds) throws Exception {
        Path p = dir.resolve("load.yaml");
        Files.writeString(
                p,
                """
                name: lag
                target: http://127.0.0.1:%d
                workload:
                  arrivals: uniform
                  profile: { constant: { rate: %s, duration: 2s } }
                requests: [ { path: %s } ]
                thresholds: [ %s ]
                client: { eventLoops: 1, grace: 10s, %s }
                """
                        .formatted(server.getAddress().getPort(), rate, path, thresholds, client));
        return p;
    }

    private static JsonNode measurement(Path run) throws Exception {
        return JSON.readTree(run.resolve("run.json").toFile()).get("measurement");
    }

    private static JsonNode verdict(JsonNode m, String kind) {
        for (JsonNode v : m.get("verdicts")) {
            if (v.get("kind").asText().equals(kind)) {
                return v;
            }
        }
        throw new AssertionError("no " + kind + " verdict in " + m.get("verdicts"));
    }

    /**
     * Two connections to a target that takes 50 ms carry at most 40/s; offered 100/s, arrivals wait
     * for a connection. That wait is the target's: it is recorded apart from the generator's own lag,
     * the lag limit holds, and the headline follows the goals (met: exit 0; missed: exit 1).
     */
    @Test
    void slowTargetWithFewConnections_waitIsTheTargets_lagLimitHolds_headlineFollowsTheGoals() throws Exception {
        Path met = dir.resolve("met");
        CliRun run = CliRun.of(
                "load",
                scenario("/slow", "100/s", "connections: 2", "\"p99 < 60s\", \"errors <= 100%\"")
                        .toString(),
                "--out",
                met.toString());

        JsonNode m = measurement(met);
        double wait = m.get("waitMillis").get("p99").asDouble();
        double lag = m.get("lagMillis").get("p99").asDouble();
        // 100 arrivals/s against at most 40/s: by the end of 2 s the last arrivals have waited
        // over a second for one of the two connections.
        assertThat(wait).isGreaterThan(500.0);
        assertThat(lag).isLessThan(wait / 10);
        assertThat(verdict(m, "lag-limit").get("passed").asBoolean()).isTrue();
        assertThat(run.out())
                .contains("GOALS MET")
                .contains("arrivals waited for a free connection: p99")
                .contains("counted in the target's latency - the target is slow, not the generator")
                .doesNotContain("MEASUREMENT INVALID")
                .doesNotContain("the generator could not keep");
        assertThat(run.exitCode()).as(run.out()).isZero();

        Path missed = dir.resolve("missed");
        CliRun slow = CliRun.of(
                "load",
                scenario("/slow", "100/s", "connections: 2", "\"p99 < 100ms\", \"errors <= 100%\"")
                        .toString(),
                "--out",
                missed.toString());
        assertThat(verdict(measurement(missed), "lag-limit").get("passed").asBoolean())
                .isTrue();
        assertThat(slow.out()).contains("GOALS MISSED").doesNotContain("MEASUREMENT INVALID");
        assertThat(slow.exitCode()).as(slow.out()).isEqualTo(Main.FAILED);
    }

    /**
     * A lag limit of one nanosecond no event loop can keep: whatever lag the generator recorded
     * breaks it. The measurement is invalid: the headline says so (not GOALS MET, though the goals
     * held), with the reason, findings.json says {@code invalid}, and the exit code is 3.
     */
    @Test
    void generatorBehindItsSchedule_measurementInvalid_exit3_neverUnderAGreenHeadline() throws Exception {
        Path out = dir.resolve("run");
        CliRun run = CliRun.of(
                "load",
                scenario("/", "500/s", "connections: 64, lagLimit: 1ns", "\"errors < 1%\"")
                        .toString(),
                "--out",
                out.toString());

        JsonNode m = measurement(out);
        JsonNode lagLimit = verdict(m, "lag-limit");
        // What the generator recorded: its own lag above the limit, and nothing waited for a connection.
        assertThat(m.get("lagMillis").get("p99").asDouble()).isGreaterThan(0.0);
        assertThat(lagLimit.get("passed").asBoolean()).isFalse();
        assertThat(lagLimit.get("observed").asDouble()).isGreaterThan(0.0);
        assertThat(verdict(m, "threshold").get("passed").asBoolean()).isTrue();
        assertThat(run.exitCode())
                .as(run.out())
                .isEqualTo(Main.INVALID_MEASUREMENT)
                .isEqualTo(3);
        assertThat(run.out())
                .contains("MEASUREMENT INVALID")
                .contains("the generator's own lag p99 ")
                .contains("MEASUREMENT INVALID (exit 3)")
                .doesNotContain("GOALS MET")
                .doesNotContain("GOALS MISSED");
        assertThat(run.out().lines().reduce((a, b) -> b).orElse("")).isEqualTo("MEASUREMENT INVALID (exit 3)");
        JsonNode findings = JSON.readTree(out.resolve("findings.json").toFile());
        assertThat(findings.at("/verdict/outcome").asText()).isEqualTo("invalid");
    }
}
