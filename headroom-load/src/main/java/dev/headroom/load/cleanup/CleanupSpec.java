package dev.headroom.load.cleanup;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A scenario's {@code cleanup} section: how the rows a run created are removed after it, and how
 * that is proved. The optional HTTP call asks the system to delete its own test data; the database
 * tables are then cleaned with one statement each and counted before and after, with the run id
 * bound wherever the SQL says {@code :run}.
 */
public record CleanupSpec(Optional<Http> http, Database database, long timeoutNanos) {

    /** The run id's placeholder in cleanup SQL and in the HTTP call's URL and body. */
    public static final String SQL_PARAMETER = ":run";

    public static final String HTTP_PARAMETER = "${run}";

    /** An HTTP request sent once, after the run; {@code ${run}} in its URL or body becomes the run id. */
    public record Http(String method, String url, Optional<String> body) {}

    /** Where to count and delete: a JDBC URL, credentials, and the tables in deletion order. */
    public record Database(String url, String user, String password, List<Table> tables) {
        public Database {
            tables = List.copyOf(tables);
        }
    }

    /**
     * One table: {@code marked} is the SQL condition that selects this run's rows (it uses
     * {@code :run}); {@code delete} the statement that removes them. {@code key} is the integer
     * column that identifies the rows that existed before the run (default: the single-column
     * primary key); {@code references} the columns that point into other tables without a declared
     * foreign key. {@code where} locates the table's entry in the scenario, for messages.
     */
    public record Table(
            String table,
            String marked,
            String delete,
            Optional<String> key,
            List<Reference> references,
            String where) {
        public Table {
            references = List.copyOf(references);
        }

        /** A table with the default key and no undeclared references (tests, defaults). */
        public Table(String table, String marked, String delete) {
            this(table, marked, delete, Optional.empty(), List.of(), table);
        }
    }

    /** {@code column} of the listed table holds values of {@code parentTable.parentColumn}. */
    public record Reference(String column, String parentTable, String parentColumn) {}

    public static URI httpUri(String url, String runId) {
        return URI.create(url.replace(
                HTTP_PARAMETER, java.net.URLEncoder.encode(runId, java.nio.charset.StandardCharsets.UTF_8)));
    }
}
