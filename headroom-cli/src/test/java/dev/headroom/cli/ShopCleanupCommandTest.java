package dev.headroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.headroom.demo.DemoShop;
import dev.headroom.demo.ShopConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** headroom load with a cleanup section, and headroom cleanup, against the demo shop on embedded H2. */
@Timeout(60)
class ShopCleanupCommandTest {
    @TempDir
    Path dir;

    private DemoShop shop;
    private String prefix;

    @BeforeEach
    void start() throws Exception {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        prefix = "cli" + HexFormat.of().formatHex(b) + "_";
        shop = DemoShop.start(ShopConfig.defaults()
                .withTablePrefix(prefix)
                .withH2("cli-" + prefix, 0)
                .withDbRoundTrip(Duration.ofMillis(1)));
    }

    @AfterEach
    void stop() {
        shop.close();
    }

    private Path scenario(String guards, String marked, String dbUrl) throws Exception {
        Path p = dir.resolve("shop.yaml");
        Files.writeString(
                p,
                """
                name: shop-cli
                target: %s
                workload:
                  profile: { constant: { rate: 50/s, duration: 10s } }
                requests:
                  - name: order
                    method: POST
                    path: /orders
                    body: '{"lines": [{"item": 4, "quantity": 1}]}'
                    check: { status: [201] }
                client: { grace: 2s }
                guards: [ %s ]
                cleanup:
                  http: { method: DELETE, url: "%s/internal/runs/${run}" }
                  database:
                    url: "%s"
                    tables:
                      - { table: %sorder_lines, marked: "%s" }
                      - { table: %sorders, marked: "run_id = :run" }
                """
                        .formatted(shop.url(), guards, shop.url(), dbUrl, prefix, marked, prefix));
        return p;
    }

    private long count(String where) throws Exception {
        try (Connection c = DriverManager.getConnection(shop.jdbcUrl(), "", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + prefix + "orders WHERE " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private int postOrder(String runTag) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(shop.url().resolve("/orders"))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{\"lines\": [{\"item\": 2, \"quantity\": 1}]}"));
        if (runTag != null) {
            r.header("X-Headroom-Run", runTag);
        }
        return HttpClient.newHttpClient()
                .send(r.build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(shop.metricsUrl()).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void guardStoppedRun_stillCleansUp_andRecordsTheProofInRunJson() throws Exception {
        assertThat(postOrder(null)).isEqualTo(201);
        Path out = dir.resolve("run");

        CliRun run = CliRun.of(
                "load",
                scenario("p50 > 0ms over 1s", "run_id = :run", shop.jdbcUrl()).toString(),
                "--out",
                out.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.FAILED);
        assertThat(run.out()).contains("stopped     guard p50 > 0ms over 1s").contains("cleanup     verified");
        JsonNode cleanup = new ObjectMapper()
                .readTree(out.resolve("run.json").toFile())
                .path("measurement")
                .path("cleanup");
        assertThat(cleanup.path("status").asText()).isEqualTo("verified");
        assertThat(cleanup.path("baseline").asText()).isEqualTo("before the run");
        JsonNode orders = cleanup.path("tables").get(1);
        assertThat(orders.path("table").asText()).isEqualTo(prefix + "orders");
        assertThat(orders.path("deleted").asLong())
                .isGreaterThan(10)
                .isEqualTo(orders.path("markedAtCleanup").asLong());
        assertThat(orders.path("remaining").asLong()).isZero();
        assertThat(orders.path("unmarkedBefore").asLong()).isEqualTo(201);
        assertThat(orders.path("unmarkedAfter").asLong()).isEqualTo(201);
        assertThat(count("run_id IS NOT NULL")).isZero();
        assertThat(count("1 = 1")).isEqualTo(201);
    }

    @Test
    void interruptedRun_sigterm_stillCleansUpBeforeTheProcessExits() throws Exception {
        Path out = dir.resolve("run");
        Path scenario = scenario("p99 > 5s over 5s", "run_id = :run", shop.jdbcUrl());
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(
                        javaBin.toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "load",
                        scenario.toString(),
                        "--out",
                        out.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("console.txt").toFile())
                .start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (count("run_id IS NOT NULL") < 20 && System.nanoTime() < deadline && p.isAlive()) {
                Thread.sleep(100);
            }
            assertThat(count("run_id IS NOT NULL")).isGreaterThanOrEqualTo(20);
            p.destroy(); // SIGTERM, as Ctrl-C would: the shutdown hook stops arrivals.
            assertThat(p.waitFor(40, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        String console = Files.readString(dir.resolve("console.txt"));
        assertThat(console).contains("interrupted").contains("cleanup     verified");
        JsonNode m =
                new ObjectMapper().readTree(out.resolve("run.json").toFile()).path("measurement");
        assertThat(m.path("status").asText()).isEqualTo("interrupted");
        assertThat(m.path("cleanup").path("status").asText()).isEqualTo("verified");
        assertThat(count("run_id IS NOT NULL")).isZero();
        assertThat(count("1 = 1")).isEqualTo(200);
    }

    @Test
    void bundledScenario_runsAgainstTheShop_scrapesItsMetrics_andCleansUp() throws Exception {
        // examples/demo/shop.yaml as shipped, pointed at this test's shop, shortened and scaled down.
        try (DemoShop bundled = DemoShop.start(
                ShopConfig.defaults().withH2("bundled-" + prefix, 0).withDbRoundTrip(Duration.ofMillis(1)))) {
            try {
                String base = bundled.url().toString();
                Path out = dir.resolve("bundled");
                CliRun run = CliRun.of(
                        "load",
                        "../examples/demo/shop.yaml",
                        "--target",
                        base,
                        "--set",
                        "metrics[0]=" + base + "/metrics",
                        "--set",
                        "cleanup.http.url=" + base + "/internal/runs/${run}",
                        "--set",
                        "cleanup.database.url=" + bundled.jdbcUrl(),
                        "--set",
                        "workload.profile.steps.each=1s",
                        "--set",
                        "workload.profile.scale=0.2",
                        "--out",
                        out.toString());
                assertThat(run.exitCode()).as(run.out() + run.err()).isIn(Main.OK, Main.FAILED);
                assertThat(run.out()).contains("run         completed").contains("cleanup     verified");
                String timeline = Files.readString(out.resolve("timeline.jsonl"));
                assertThat(timeline)
                        .contains("\"shop_pool_active\"")
                        .contains("\"shop_db_query_seconds_sum/s\"")
                        .contains("\"shop_requests_total{endpoint=\\\"order\\\"}/s\"");
                JsonNode tables = new ObjectMapper()
                        .readTree(out.resolve("run.json").toFile())
                        .path("measurement")
                        .path("cleanup")
                        .path("tables");
                assertThat(tables.get(1).path("table").asText()).isEqualTo("shop_orders");
                assertThat(tables.get(1).path("deleted").asLong()).isGreaterThan(20);
                assertThat(tables.get(1).path("unmarkedAfter").asLong()).isEqualTo(200);
            } finally {
                bundled.dropTables();
            }
        }
    }

    @Test
    void cleanupCommand_cleansARunWhoseProcessDied() throws Exception {
        // A run that sent tagged orders and died before cleaning up: no run.json was left.
        for (int i = 0; i < 3; i++) {
            assertThat(postOrder("dead-run-1")).isEqualTo(201);
        }
        assertThat(postOrder("another-run")).isEqualTo(201);
        Path scenario = scenario("p99 > 1s over 5s", "run_id = :run", shop.jdbcUrl());

        CliRun run = CliRun.of(
                "cleanup", "--run", "dead-run-1", "--dir", dir.resolve("none").toString(), scenario.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.OK);
        assertThat(run.out())
                .contains("cleanup     verified (unmarked rows counted before the cleanup")
                .containsPattern(prefix + "orders\\s+3\\s+3\\s+0\\s+201\\s+201  ok");
        assertThat(count("run_id = 'dead-run-1'")).isZero();
        assertThat(count("run_id = 'another-run'")).isEqualTo(1);
    }

    /** The baseline a run records in run.json before sending load, written as a run that then died would leave it. */
    private Path deadRunWithBaseline(Path scenario, String runId) throws Exception {
        dev.headroom.load.scenario.Scenario s = dev.headroom.load.scenario.ScenarioLoader.load(
                scenario, dev.headroom.load.scenario.ScenarioLoader.CommandLine.NONE);
        dev.headroom.model.run.CleanupResult baseline =
                new dev.headroom.load.cleanup.Cleanup(s.cleanup().orElseThrow(), runId, s.tagHeader()).baseline();
        Path runDir = Files.createDirectories(dir.resolve(runId));
        Files.writeString(
                runDir.resolve("run.json"),
                "{\"measurement\": {\"status\": \"running\", \"cleanup\": "
                        + dev.headroom.model.run.RunJson.line(baseline) + "}}");
        return runDir;
    }

    @Test
    void cleanupCommand_usesTheBaselineTheDeadRunRecorded_andARealOrderPlacedSinceSurvives() throws Exception {
        Path scenario = scenario("p99 > 1s over 5s", "run_id = :run", shop.jdbcUrl());
        Path runDir = deadRunWithBaseline(scenario, "dead-run-2");
        assertThat(postOrder("dead-run-2")).isEqualTo(201);
        // A real customer's order placed after the baseline: a live table grows; it must survive.
        assertThat(postOrder(null)).isEqualTo(201);

        CliRun run = CliRun.of("cleanup", "--run", "dead-run-2", "--dir", runDir.toString(), scenario.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.OK);
        assertThat(run.out())
                .contains("cleanup     verified (unmarked rows counted before the run")
                .containsPattern(prefix + "orders +200 rows existed before \\(ID <= 200\\); 200 of them at the"
                        + " cleanup, 200 after")
                .contains("recorded in " + runDir.resolve("run.json"));
        JsonNode recorded =
                new ObjectMapper().readTree(runDir.resolve("run.json").toFile());
        assertThat(recorded.path("measurement").path("status").asText()).isEqualTo("running");
        assertThat(recorded.path("measurement").path("cleanup").path("status").asText())
                .isEqualTo("verified");
        assertThat(count("run_id = 'dead-run-2'")).isZero();
        assertThat(count("run_id IS NULL")).isEqualTo(201);
    }

    @Test
    void cleanupCommand_withAConditionTurnedHostile_deletesNothingReal_failsWithTheNumbers() throws Exception {
        Path friendly = scenario("p99 > 1s over 5s", "run_id = :run", shop.jdbcUrl());
        Path runDir = deadRunWithBaseline(friendly, "dead-run-3");
        for (int i = 0; i < 3; i++) {
            assertThat(postOrder("dead-run-3")).isEqualTo(201);
        }
        Path hostile = scenario("p99 > 1s over 5s", "run_id = :run OR 1=1", shop.jdbcUrl());

        CliRun run = CliRun.of("cleanup", "--run", "dead-run-3", "--dir", runDir.toString(), hostile.toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.FAILED);
        assertThat(run.out())
                .contains("cleanup     FAILED")
                .containsPattern("problem: " + prefix + "order_lines: marked 'run_id = :run OR 1=1' selects 200 rows"
                        + " for the decoy run id dead-[a-z]{3}-\\d, which no row can carry")
                .contains("problem: rolled back: the cleanup's SQL deleted nothing")
                .doesNotContain("PASS");
        // The shop's own cleanup call removed the run's three orders; the SQL removed nothing.
        assertThat(count("run_id = 'dead-run-3'")).isZero();
        assertThat(count("run_id IS NULL")).isEqualTo(200);
    }

    @Test
    void hostileCondition_isRefusedBeforeAnyLoad_andNoRealOrderDisappears() throws Exception {
        Path scenario = scenario("p99 > 1s over 5s", "run_id = :run OR 1=1", shop.jdbcUrl());

        CliRun run = CliRun.of(
                "load", scenario.toString(), "--out", dir.resolve("run").toString());

        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err())
                .contains(scenario + ":18:9: cleanup.database.tables[0].marked = 'run_id = :run OR 1=1': selects 200"
                        + " rows of " + prefix + "order_lines before the run has sent anything")
                .contains("fix: select only this run's rows")
                .contains("no load was sent")
                .doesNotContain("Exception");
        assertThat(metrics()).contains("shop_requests_total{endpoint=\"order\"} 0\n");
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
        assertThat(count("1 = 1")).isEqualTo(200);
    }

    @Test
    void cleanupSqlWithoutTheRunId_isRefusedBeforeAnyLoad() throws Exception {
        Path scenario = scenario("p99 > 1s over 5s", "run_id IS NOT NULL", shop.jdbcUrl());

        CliRun run = CliRun.of(
                "load", scenario.toString(), "--out", dir.resolve("run").toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err())
                .contains(scenario + ":18:51:")
                .contains("cleanup.database.tables[0].marked")
                .contains("does not use the run id parameter :run");
        assertThat(metrics()).contains("shop_requests_total{endpoint=\"order\"} 0\n");
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
    }

    @Test
    void unreachableDatabase_stopsTheRunBeforeAnyLoad() throws Exception {
        Path scenario = scenario("p99 > 1s over 5s", "run_id = :run", "jdbc:postgresql://127.0.0.1:1/none");

        CliRun run = CliRun.of(
                "load", scenario.toString(), "--out", dir.resolve("run").toString());

        assertThat(run.exitCode()).isEqualTo(Main.BAD_INPUT);
        assertThat(run.err())
                .contains("cannot count the rows of jdbc:postgresql://127.0.0.1:1/none")
                .contains("no load was sent");
        assertThat(metrics()).contains("shop_requests_total{endpoint=\"order\"} 0\n");
        assertThat(Files.exists(dir.resolve("run"))).isFalse();
    }

    @Test
    void shopCommand_servesOnLoopback_andStopsAfterItsDuration() {
        long start = System.nanoTime();
        CliRun run = CliRun.of(
                "shop", "--port", "0", "--h2-tcp-port", "-1", "--table-prefix", prefix + "x_", "--for", "500ms");
        assertThat(run.exitCode()).as(run.err()).isEqualTo(Main.OK);
        assertThat(run.out())
                .containsPattern("headroom shop  http://127\\.0\\.0\\.1:\\d+  \\(metrics ")
                .contains("pool 4 connections, 5ms round trip per statement");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
        assertThat(URI.create("http://127.0.0.1/").getHost()).isEqualTo("127.0.0.1");
    }
}
