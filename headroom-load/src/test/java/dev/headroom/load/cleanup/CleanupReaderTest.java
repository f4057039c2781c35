package dev.headroom.load.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.load.scenario.Scenario;
import dev.headroom.load.scenario.ScenarioLoader;
import dev.headroom.model.spec.SpecException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CleanupReaderTest {
    private static final String HEAD =
            """
            target: http://127.0.0.1:8080
            workload: { profile: { constant: { rate: 10/s, duration: 1s } } }
            requests: [ { path: / } ]
            """;

    private static Scenario parse(String cleanup) throws SpecException {
        return ScenarioLoader.parse("s.yaml", HEAD + cleanup, ScenarioLoader.CommandLine.NONE, Path.of("."));
    }

    private static String problems(String cleanup) {
        try {
            parse(cleanup);
        } catch (SpecException e) {
            return e.format();
        }
        throw new AssertionError("expected problems");
    }

    @Test
    void cleanupSection_readsHttpCallTablesAndDefaults() throws Exception {
        CleanupSpec c = parse(
                        """
                        cleanup:
                          http: { method: delete, url: "http://127.0.0.1:8080/internal/runs/${run}" }
                          database:
                            url: jdbc:postgresql://127.0.0.1:5432/test
                            user: postgres
                            tables:
                              - { table: order_lines, marked: "run_id = :run" }
                              - { table: public.orders, marked: "run_id = :run", delete: "UPDATE public.orders SET gone = 1 WHERE run_id = :run" }
                        """)
                .cleanup()
                .orElseThrow();
        assertThat(c.http().orElseThrow().method()).isEqualTo("DELETE");
        assertThat(CleanupSpec.httpUri(c.http().get().url(), "shop 1/2").toString())
                .isEqualTo("http://127.0.0.1:8080/internal/runs/shop+1%2F2");
        assertThat(c.database().password()).isEmpty();
        assertThat(c.database().tables())
                .extracting(CleanupSpec.Table::table, CleanupSpec.Table::marked, CleanupSpec.Table::delete)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "order_lines", "run_id = :run", "DELETE FROM order_lines WHERE run_id = :run"),
                        org.assertj.core.groups.Tuple.tuple(
                                "public.orders",
                                "run_id = :run",
                                "UPDATE public.orders SET gone = 1 WHERE run_id = :run"));
        assertThat(c.database().tables().get(0).where()).isEqualTo("s.yaml:10:9: cleanup.database.tables[0]");
        assertThat(c.database().tables().get(0).key()).isEmpty();
        assertThat(c.timeoutNanos()).isEqualTo(30_000_000_000L);
    }

    @Test
    void sqlWithoutTheRunIdParameter_isRefusedWithItsLocation() {
        String p = problems(
                """
                cleanup:
                  database:
                    url: jdbc:h2:mem:x
                    tables:
                      - { table: orders, marked: "run_id IS NOT NULL" }
                      - { table: lines, marked: "run_id = :run", delete: "DELETE FROM lines" }
                      - { table: items, marked: "run_id = ?" }
                """);
        assertThat(p)
                .contains("s.yaml:8:34: cleanup.database.tables[0].marked = 'run_id IS NOT NULL': the cleanup SQL does"
                        + " not use the run id parameter :run")
                .contains("s.yaml:9:58: cleanup.database.tables[1].delete = 'DELETE FROM lines'")
                .contains("cleanup.database.tables[2].marked = 'run_id = ?': the cleanup SQL does not use")
                .contains("3 problems");
    }

    @Test
    void badUrlsTablesAndMissingDatabase_areReportedTogether() {
        String p = problems(
                """
                cleanup:
                  http: { url: "http://shop.example.com/runs/${run}" }
                """);
        assertThat(p)
                .contains("cleanup.http.url")
                .contains("refused: the host 'shop.example.com' is not loopback")
                .contains("cleanup.database")
                .contains("so the cleanup can count the rows it removes");
        assertThat(
                        problems(
                                """
                        cleanup:
                          database: { url: "postgres://x", tables: [ { table: "orders; drop", marked: "id = :run" } ] }
                        """))
                .contains("not a JDBC URL")
                .contains("not a table name");
    }

    @Test
    void keyAndReferences_areReadPerTable_andBadOnesLocated() throws Exception {
        CleanupSpec c = parse(
                        """
                        cleanup:
                          database:
                            url: jdbc:h2:mem:x
                            tables:
                              - { table: lines, marked: "run_id = :run", key: line_no, references: { order_id: shop.orders.id } }
                        """)
                .cleanup()
                .orElseThrow();
        CleanupSpec.Table t = c.database().tables().get(0);
        assertThat(t.key()).contains("line_no");
        assertThat(t.references()).containsExactly(new CleanupSpec.Reference("order_id", "shop.orders", "id"));
        assertThat(
                        problems(
                                """
                        cleanup:
                          database:
                            url: jdbc:h2:mem:x
                            tables:
                              - { table: lines, marked: "run_id = :run", key: "id; drop", references: { order_id: orders } }
                        """))
                .contains("cleanup.database.tables[0].key = 'id; drop': not a column name")
                .contains("cleanup.database.tables[0].references.order_id = 'orders': not a parent table.column");
    }

    @Test
    void deleteThatIsNotOneDeleteOrUpdate_isRefused_sinceItCouldNotBeRolledBack() {
        String p = problems(
                """
                cleanup:
                  database:
                    url: jdbc:h2:mem:x
                    tables:
                      - { table: orders, marked: "run_id = :run", delete: "TRUNCATE TABLE orders -- :run" }
                      - { table: lines, marked: "run_id = :run", delete: "DELETE FROM lines WHERE run_id = :run; DROP TABLE x" }
                """);
        assertThat(p)
                .contains("cleanup.database.tables[0].delete = 'TRUNCATE TABLE orders -- :run': the cleanup statement"
                        + " must be one DELETE")
                .contains("cleanup.database.tables[1].delete")
                .contains("one statement only");
        assertThat(
                        problems(
                                """
                        cleanup:
                          database:
                            url: jdbc:h2:mem:x
                            tables:
                              - { table: orders, marked: "run_id = :run", delete: "DELETE FROM items WHERE run_id <> :run" }
                        """))
                .contains("s.yaml:8:59: cleanup.database.tables[0].delete = 'DELETE FROM items WHERE run_id <> :run'")
                .contains("the statement must delete from (or update) its own table orders");
        assertThat(CleanupReader.targets("delete from Orders where run_id = :run", "orders"))
                .isTrue();
        assertThat(CleanupReader.targets("UPDATE public.orders SET gone = 1 WHERE run_id = :run", "public.orders"))
                .isTrue();
        assertThat(CleanupReader.targets("DELETE o FROM orders o JOIN items i ON 1=1", "orders"))
                .isFalse();
    }

    @Test
    void runParameter_becomesOnePlaceholderPerUse_butNotInsideCastsOrLongerNames() {
        CleanupReader.Bound b = CleanupReader.bind("run_id = :run OR parent = :run OR x = :runner OR y::run");
        assertThat(b.sql()).isEqualTo("run_id = ? OR parent = ? OR x = :runner OR y::run");
        assertThat(b.parameters()).isEqualTo(2);
    }
}
