package dev.headroom.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.load.cleanup.Cleanup;
import dev.headroom.load.engine.LoadEngine;
import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.run.CleanupResult;
import dev.headroom.model.run.RunMetadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * End to end on loopback: the shop on each database, a short real load with the run tag, then the
 * cleanup deletes exactly the run's rows and proves the rows seeded before were not touched.
 */
class ShopLoadCleanupTest {
    private static final String RUN_ID = "shop-e2e-run-1";

    @TempDir
    Path dir;

    static String scenario(DemoShop shop, String rate, String duration, String extra) {
        String p = shop.config().tablePrefix();
        return """
                name: shop-e2e
                target: %s
                workload:
                  profile: { constant: { rate: %s, duration: %s } }
                feeders:
                  item: { random: { min: 1, max: 20 } }
                requests:
                  - { name: menu, weight: 1, path: /menu, check: { status: [200] } }
                  - name: order
                    weight: 1
                    method: POST
                    path: /orders
                    headers: { Content-Type: application/json }
                    body: '{"customer": "c", "lines": [{"item": ${item}, "quantity": 2}, {"item": 1, "quantity": 1}]}'
                    check: { status: [201] }
                client: { connections: 32, requestTimeout: 5s, grace: 3s }
                metrics: [ "%s" ]
                %s
                cleanup:
                  http: { method: DELETE, url: "%s/internal/runs/${run}" }
                  database:
                    url: "%s"
                    user: "%s"
                    password: "%s"
                    tables:
                      - { table: %sorder_lines, marked: "run_id = :run" }
                      - { table: %sorders, marked: "run_id = :run" }
                """
                .formatted(
                        shop.url(),
                        rate,
                        duration,
                        shop.metricsUrl(),
                        extra,
                        shop.url(),
                        shop.jdbcUrl(),
                        shop.config().dbUser(),
                        shop.config().dbPassword(),
                        p,
                        p);
    }

    static LoadEngine engine(Scenario s, String runId, Path dir) throws Exception {
        RunMetadata meta = new RunMetadata(
                RunMetadata.FORMAT,
                "measurement",
                runId,
                s.name(),
                "test",
                42,
                "test.yaml",
                "0".repeat(64),
                List.of(),
                "poisson",
                s.model().durationSeconds(),
                0);
        return LoadEngine.prepare(s, new LoadEngine.Settings(runId, 42, dir, null, meta, null));
    }

    static long count(DemoShop shop, String sql) throws Exception {
        ShopConfig c = shop.config();
        try (Connection conn = DriverManager.getConnection(shop.jdbcUrl(), c.dbUser(), c.dbPassword());
                PreparedStatement ps = conn.prepareStatement(sql.replace("{p}", c.tablePrefix()));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    @Timeout(60)
    void taggedLoad_createsMarkedRows_andCleanupDeletesExactlyThem(Databases db) throws Exception {
        ShopConfig config = db.config().withDbRoundTrip(Duration.ofMillis(1));
        try (DemoShop shop = DemoShop.start(config)) {
            try {
                // Real customers' orders placed before the run: they must survive the cleanup.
                for (int i = 0; i < 5; i++) {
                    assertThat(DemoShopTest.send(
                                            shop.url().resolve("/orders"),
                                            "POST",
                                            "{\"lines\":[{\"item\":2,\"quantity\":1}]}",
                                            null)
                                    .statusCode())
                            .isEqualTo(201);
                }
                Scenario s = ScenarioLoader.parse(
                        "test.yaml", scenario(shop, "40/s", "3s", ""), ScenarioLoader.CommandLine.NONE, dir);
                Cleanup cleanup = new Cleanup(s.cleanup().orElseThrow(), RUN_ID, s.tagHeader());
                CleanupResult baseline = cleanup.baseline();
                assertThat(baseline.tables())
                        .extracting(CleanupResult.Table::unmarkedBefore)
                        .containsExactly(205L, 205L);

                LoadEngine.Result result = engine(s, RUN_ID, dir.resolve("run")).run();
                assertThat(result.run().summary().errors()).isEmpty();
                long orders = count(shop, "SELECT COUNT(*) FROM {p}orders WHERE run_id = '" + RUN_ID + "'");
                long lines = count(shop, "SELECT COUNT(*) FROM {p}order_lines WHERE run_id = '" + RUN_ID + "'");
                assertThat(orders).isGreaterThan(20);
                assertThat(lines).isEqualTo(2 * orders);
                String timeline = Files.readString(dir.resolve("run/timeline.jsonl"), StandardCharsets.UTF_8);
                assertThat(timeline).contains("\"shop_pool_active\"").contains("\"process_cpu_seconds_total/s\"");

                CleanupResult done = cleanup.run(baseline);
                assertThat(done.problems()).isEmpty();
                assertThat(done.verified()).isTrue();
                assertThat(done.http()).endsWith("-> 200");
                assertThat(done.tables())
                        .extracting(
                                CleanupResult.Table::table,
                                CleanupResult.Table::markedAtCleanup,
                                CleanupResult.Table::deleted,
                                CleanupResult.Table::remaining,
                                CleanupResult.Table::unmarkedAfter)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(
                                        config.tablePrefix() + "order_lines", lines, lines, 0L, 205L),
                                org.assertj.core.groups.Tuple.tuple(
                                        config.tablePrefix() + "orders", orders, orders, 0L, 205L));
                assertThat(count(shop, "SELECT COUNT(*) FROM {p}orders")).isEqualTo(205);
            } finally {
                shop.dropTables();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Databases.class, names = "H2")
    @Timeout(30)
    void realOrderPlacedDuringTheRun_isNotTheCleanupsToJudge_andSurvivesIt(Databases db) throws Exception {
        try (DemoShop shop = DemoShop.start(db.config().withDbRoundTrip(Duration.ZERO))) {
            Scenario s = ScenarioLoader.parse(
                    "test.yaml", scenario(shop, "10/s", "1s", ""), ScenarioLoader.CommandLine.NONE, dir);
            Cleanup cleanup = new Cleanup(s.cleanup().orElseThrow(), RUN_ID, s.tagHeader());
            CleanupResult baseline = cleanup.baseline();
            // Someone else's order arrives meanwhile: a live table grows, and the proof is about the
            // rows that existed before the run (keys up to the baseline's highest), which it keeps.
            DemoShopTest.send(shop.url().resolve("/orders"), "POST", "{\"lines\":[{\"item\":2}]}", null);
            CleanupResult done = cleanup.run(baseline);
            assertThat(done.problems()).isEmpty();
            assertThat(done.verified()).isTrue();
            CleanupResult.Table orders = done.tables().get(1);
            assertThat(orders.unmarkedBefore()).isEqualTo(200);
            assertThat(orders.unmarkedAfter()).isEqualTo(201);
            assertThat(orders.existing().after()).isEqualTo(orders.existing().atBaseline());
            assertThat(count(shop, "SELECT COUNT(*) FROM {p}orders")).isEqualTo(201);
        }
    }
}
