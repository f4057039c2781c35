package dev.headroom.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.load.cleanup.Cleanup;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.run.CleanupResult;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cleanup's proof against hostile conditions and statements on the demo shop's tables, on H2,
 * PostgreSQL and MariaDB, while a writer thread inserts real (unmarked) orders during the run and
 * during the cleanup. Whatever the condition says, no real row may disappear.
 */
@Timeout(90)
class CleanupProofOnDatabasesTest {
    private static final int SEEDED = ShopDatabase.SEED_ORDERS;
    private static final int RUN_ORDERS = 20;

    @TempDir
    Path dir;

    /** A run id of the form headroom load makes. */
    private static String newRunId() {
        byte[] b = new byte[3];
        ThreadLocalRandom.current().nextBytes(b);
        return "shop-20261201-101500-" + HexFormat.of().formatHex(b);
    }

    private static Connection connect(DemoShop shop) throws SQLException {
        return DriverManager.getConnection(
                shop.jdbcUrl(), shop.config().dbUser(), shop.config().dbPassword());
    }

    private static long count(DemoShop shop, String sql) throws SQLException {
        try (Connection c = connect(shop);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql.replace("{p}", shop.config().tablePrefix()))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(DemoShop shop, String sql) throws SQLException {
        try (Connection c = connect(shop);
                Statement s = c.createStatement()) {
            s.execute(sql.replace("{p}", shop.config().tablePrefix()));
        }
    }

    private Cleanup cleanup(DemoShop shop, String runId, String tables) throws Exception {
        String yaml =
                """
                target: %s
                workload: { profile: { constant: { rate: 10/s, duration: 1s } } }
                requests: [ { path: / } ]
                cleanup:
                  database:
                    url: "%s"
                    user: "%s"
                    password: "%s"
                    tables:
                %s
                """
                        .formatted(
                                shop.url(),
                                shop.jdbcUrl(),
                                shop.config().dbUser(),
                                shop.config().dbPassword(),
                                tables.replace("{p}", shop.config().tablePrefix())
                                        .indent(6));
        return new Cleanup(
                ScenarioLoader.parse("shop.yaml", yaml, ScenarioLoader.CommandLine.NONE, dir)
                        .cleanup()
                        .orElseThrow(),
                runId,
                "X-Headroom-Run");
    }

    private static final String FRIENDLY =
            """
            - { table: "{p}order_lines", marked: "run_id = :run", references: { order_id: "{p}orders.id" } }
            - { table: "{p}orders", marked: "run_id = :run" }
            """;

    /** What the load run leaves: orders with two lines each, marked with the run id (lines optionally not). */
    private static void runInserts(DemoShop shop, String runId, boolean tagLines) throws SQLException {
        String p = shop.config().tablePrefix();
        try (Connection c = connect(shop)) {
            for (int i = 0; i < RUN_ORDERS; i++) {
                long id = Writer.insertOrder(c, p, runId);
                for (int l = 0; l < 2; l++) {
                    Writer.insertLine(c, p, id, tagLines ? runId : null);
                }
            }
        }
    }

    /**
     * Real customers: inserts unmarked orders (with a line each) on its own connection until closed,
     * at most {@link #LIMIT} of them and for at most {@link #DEADLINE}, so it always stops.
     */
    static final class Writer implements AutoCloseable {
        static final int LIMIT = 2_000;
        static final Duration DEADLINE = Duration.ofSeconds(60);

        private final AtomicLong orders = new AtomicLong();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean stop;
        private final Thread thread;

        Writer(DemoShop shop, String table) {
            String p = shop.config().tablePrefix();
            thread = new Thread(
                    () -> {
                        long deadline = System.nanoTime() + DEADLINE.toNanos();
                        try (Connection c = connect(shop)) {
                            while (!stop && orders.get() < LIMIT && System.nanoTime() < deadline) {
                                if (table.equals("orders")) {
                                    insertLine(c, p, insertOrder(c, p, null), null);
                                } else {
                                    c.createStatement().execute("INSERT INTO " + p + table + " (run_id) VALUES (NULL)");
                                }
                                orders.incrementAndGet();
                                Thread.sleep(2);
                            }
                        } catch (SQLException | RuntimeException e) {
                            failure.set(e);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "real-customers");
            thread.setDaemon(true);
            thread.start();
        }

        /** Waits until at least {@code n} rows went in, so the cleanup surely runs while the writer writes. */
        void awaitAtLeast(long n) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (orders.get() < n && System.nanoTime() < deadline && thread.isAlive()) {
                Thread.sleep(5);
            }
            assertThat(orders.get()).as("rows the writer inserted").isGreaterThanOrEqualTo(n);
        }

        /** Stops and returns how many rows it inserted. */
        long stopAndCount() throws InterruptedException {
            stop = true;
            thread.join(30_000);
            assertThat(failure.get()).as("the writer's own failure").isNull();
            return orders.get();
        }

        @Override
        public void close() {
            stop = true;
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        static long insertOrder(Connection c, String p, String runId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO " + p + "orders (customer, total_cents, status, created_at, run_id)"
                            + " VALUES ('w', 100, 'placed', CURRENT_TIMESTAMP, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, runId);
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        }

        static void insertLine(Connection c, String p, long order, String runId) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + p
                    + "order_lines (order_id, item_id, quantity, price_cents, run_id) VALUES (?, 1, 1, 250, ?)")) {
                ps.setLong(1, order);
                ps.setString(2, runId);
                ps.executeUpdate();
            }
        }
    }

    /** Every real order and line is still there: the seeded ones and all the writer inserted. */
    private static void assertNoRealRowLost(DemoShop shop, long written) throws SQLException {
        assertThat(count(shop, "SELECT COUNT(*) FROM {p}orders WHERE run_id IS NULL"))
                .isEqualTo(SEEDED + written);
        assertThat(count(shop, "SELECT COUNT(*) FROM {p}order_lines WHERE run_id IS NULL"))
                .isEqualTo(SEEDED + written);
        assertThat(count(shop, "SELECT COUNT(*) FROM {p}orders WHERE id <= " + SEEDED))
                .isEqualTo(SEEDED);
    }

    private static DemoShop shop(Databases db) throws Exception {
        return DemoShop.start(db.config().withDbRoundTrip(Duration.ZERO));
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void friendlyCleanup_withRealCustomersWriting_verifiesAndDeletesOnlyTheRun(Databases db) throws Exception {
        try (DemoShop shop = shop(db)) {
            String run = newRunId();
            CleanupResult baseline = cleanup(shop, run, FRIENDLY).baseline();
            try (Writer writer = new Writer(shop, "orders")) {
                runInserts(shop, run, true);
                writer.awaitAtLeast(20);

                CleanupResult done = cleanup(shop, run, FRIENDLY).run(baseline);
                long written = writer.stopAndCount();

                assertThat(done.problems()).isEmpty();
                assertThat(done.verified()).isTrue();
                assertThat(done.tables())
                        .extracting(CleanupResult.Table::deleted)
                        .containsExactly(2L * RUN_ORDERS, (long) RUN_ORDERS);
                assertThat(done.tables().get(1).existing().atBaseline().rows()).isEqualTo(SEEDED);
                assertThat(done.orphans()).singleElement().satisfies(o -> assertThat(o.after())
                        .isZero());
                assertNoRealRowLost(shop, written);
                assertThat(count(shop, "SELECT COUNT(*) FROM {p}orders WHERE run_id IS NOT NULL"))
                        .isZero();
            } finally {
                shop.dropTables();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void conditionThatSelectsRealRows_isRefusedBeforeTheRun_namingTheTableAndTheCount(Databases db) throws Exception {
        try (DemoShop shop = shop(db)) {
            try {
                String p = shop.config().tablePrefix();
                for (String marked : new String[] {"run_id = :run OR 1=1", "run_id = :run OR run_id IS NULL"}) {
                    Cleanup hostile = cleanup(
                            shop,
                            newRunId(),
                            "- { table: \"{p}order_lines\", marked: \"run_id = :run\" }\n"
                                    + "- { table: \"{p}orders\", marked: \"" + marked + "\" }");
                    assertThatThrownBy(hostile::baseline)
                            .isInstanceOf(Cleanup.Refused.class)
                            .hasMessageContaining("shop.yaml:11:9: cleanup.database.tables[1].marked = '" + marked
                                    + "': selects 200 rows of " + p + "orders before the run has sent anything")
                            .hasMessageNotContaining("order_lines");
                }
                assertThat(count(shop, "SELECT COUNT(*) FROM {p}orders")).isEqualTo(SEEDED);
            } finally {
                shop.dropTables();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void conditionThatTurnsHostileAtCleanup_deletesNothingReal_andFailsWithTheNumbers(Databases db) throws Exception {
        try (DemoShop shop = shop(db)) {
            try (Writer writer = new Writer(shop, "orders")) {
                for (String marked : new String[] {"run_id = :run OR 1=1", "run_id = :run OR run_id IS NULL"}) {
                    String run = newRunId();
                    CleanupResult baseline = cleanup(shop, run, FRIENDLY).baseline();
                    runInserts(shop, run, true);
                    writer.awaitAtLeast(10);
                    Cleanup hostile = cleanup(
                            shop,
                            run,
                            "- { table: \"{p}order_lines\", marked: \"" + marked + "\" }\n"
                                    + "- { table: \"{p}orders\", marked: \"" + marked + "\" }");

                    CleanupResult done = hostile.run(baseline);

                    assertThat(done.verified()).isFalse();
                    assertThat(done.problems())
                            .anySatisfy(pr -> assertThat(pr)
                                    .contains(shop.config().tablePrefix() + "order_lines: marked '" + marked + "'")
                                    .contains("for the decoy run id shop-20261201-101500-"))
                            .contains("rolled back: the cleanup's SQL deleted nothing");
                    assertThat(count(shop, "SELECT COUNT(*) FROM {p}orders WHERE run_id = '" + run + "'"))
                            .isEqualTo(RUN_ORDERS);
                    execute(shop, "DELETE FROM {p}order_lines WHERE run_id = '" + run + "'");
                    execute(shop, "DELETE FROM {p}orders WHERE run_id = '" + run + "'");
                }
                long written = writer.stopAndCount();
                assertNoRealRowLost(shop, written);
            } finally {
                shop.dropTables();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void orNullCondition_onAnInitiallyEmptyTable_isCaughtAtCleanup_whenRealRowsArriveDuringTheRun(Databases db)
            throws Exception {
        try (DemoShop shop = shop(db)) {
            String id = db == Databases.MARIADB
                    ? "BIGINT AUTO_INCREMENT PRIMARY KEY"
                    : "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
            execute(shop, "CREATE TABLE {p}events (id " + id + ", run_id VARCHAR(64))");
            try {
                String run = newRunId();
                String tables = "- { table: \"{p}events\", marked: \"run_id = :run OR run_id IS NULL\" }";
                // Empty: the condition selects nothing for the new id, so the run may start.
                CleanupResult baseline = cleanup(shop, run, tables).baseline();
                assertThat(baseline.tables().get(0).existing().maxKey()).isEqualTo(CleanupResult.Existing.EMPTY_TABLE);
                long written;
                try (Writer writer = new Writer(shop, "events")) {
                    writer.awaitAtLeast(10);
                    execute(shop, "INSERT INTO {p}events (run_id) VALUES ('" + run + "')");
                    CleanupResult done = cleanup(shop, run, tables).run(baseline);
                    written = writer.stopAndCount();

                    assertThat(done.verified()).isFalse();
                    assertThat(done.problems())
                            .anySatisfy(pr -> assertThat(pr).contains("for the decoy run id"))
                            .contains("rolled back: the cleanup's SQL deleted nothing");
                }
                assertThat(count(shop, "SELECT COUNT(*) FROM {p}events WHERE run_id IS NULL"))
                        .isEqualTo(written);
            } finally {
                execute(shop, "DROP TABLE {p}events");
                shop.dropTables();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void deleteThatReachesBeyondTheRun_isRolledBack(Databases db) throws Exception {
        try (DemoShop shop = shop(db)) {
            try (Writer writer = new Writer(shop, "orders")) {
                String run = newRunId();
                CleanupResult baseline = cleanup(shop, run, FRIENDLY).baseline();
                runInserts(shop, run, true);
                writer.awaitAtLeast(10);
                Cleanup hostile = cleanup(
                        shop,
                        run,
                        """
                        - { table: "{p}order_lines", marked: "run_id = :run" }
                        - table: "{p}orders"
                          marked: "run_id = :run"
                          delete: "DELETE FROM {p}orders WHERE run_id = :run OR id < 100"
                        """);

                CleanupResult done = hostile.run(baseline);
                long written = writer.stopAndCount();

                assertThat(done.verified()).isFalse();
                assertThat(done.problems())
                        .contains("rolled back: the cleanup's SQL deleted nothing")
                        .anySatisfy(pr -> assertThat(pr)
                                .contains(shop.config().tablePrefix() + "orders: the delete affected 99 rows for the"
                                        + " decoy run id"));
                assertNoRealRowLost(shop, written);
                assertThat(count(shop, "SELECT COUNT(*) FROM {p}order_lines WHERE run_id = '" + run + "'"))
                        .isEqualTo(2L * RUN_ORDERS);
            } finally {
                shop.dropTables();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Databases.class)
    void orderLinesLeftBehind_areReportedAsOrphans_andTheDeleteRolledBack(Databases db) throws Exception {
        try (DemoShop shop = shop(db)) {
            try (Writer writer = new Writer(shop, "orders")) {
                String run = newRunId();
                CleanupResult baseline = cleanup(shop, run, FRIENDLY).baseline();
                // The system under test forgot to tag the lines: only the orders are marked.
                runInserts(shop, run, false);
                writer.awaitAtLeast(10);

                CleanupResult done = cleanup(shop, run, FRIENDLY).run(baseline);
                long written = writer.stopAndCount();

                String p = shop.config().tablePrefix();
                assertThat(done.verified()).isFalse();
                assertThat(done.orphans()).singleElement().satisfies(o -> assertThat(o.after() - o.before())
                        .isEqualTo(2L * RUN_ORDERS));
                assertThat(done.problems())
                        .contains(p + "order_lines.order_id: " + 2 * RUN_ORDERS + " rows would point at " + p
                                + "orders rows the cleanup deletes (0 such rows before it); list " + p
                                + "order_lines before " + p + "orders in cleanup.database.tables so its rows go first")
                        .contains("rolled back: the cleanup's SQL deleted nothing");
                assertThat(count(shop, "SELECT COUNT(*) FROM {p}orders WHERE run_id = '" + run + "'"))
                        .isEqualTo(RUN_ORDERS);
                assertThat(count(shop, "SELECT COUNT(*) FROM {p}orders WHERE run_id IS NULL"))
                        .isEqualTo(SEEDED + written);
            } finally {
                shop.dropTables();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Databases.class, names = "MARIADB")
    void nonTransactionalTable_isRefusedBeforeTheRun(Databases db) throws Exception {
        try (DemoShop shop = shop(db)) {
            execute(
                    shop,
                    "CREATE TABLE {p}audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, run_id VARCHAR(64)) ENGINE=MyISAM");
            try {
                assertThatThrownBy(
                                () -> cleanup(shop, newRunId(), "- { table: \"{p}audit\", marked: \"run_id = :run\" }")
                                        .baseline())
                        .isInstanceOf(Cleanup.Refused.class)
                        .hasMessageContaining("cleanup.database.tables[0].table = '"
                                + shop.config().tablePrefix()
                                + "audit': the table's engine is MyISAM, which cannot roll back")
                        .hasMessageContaining(
                                "fix: ALTER TABLE " + shop.config().tablePrefix() + "audit ENGINE=InnoDB");
            } finally {
                execute(shop, "DROP TABLE {p}audit");
                shop.dropTables();
            }
        }
    }
}
