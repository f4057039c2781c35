package dev.headroom.load.cleanup;

import dev.headroom.model.run.CleanupResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Removes a run's synthetic data and proves it, without trusting the scenario's conditions.
 *
 * <p>{@link #baseline()} counts, before any load is sent, the rows each table's {@code marked}
 * condition selects for the new run id (there must be none: no row can carry an id that did not
 * exist yet) and fingerprints the rows that exist by their key ({@code key <= max(key)}), which
 * concurrent writers never change since they only add higher keys. {@link #run} makes the HTTP call
 * (if any), then deletes in one transaction per database: each table's condition must select no row
 * for a {@link Decoy} id, its delete must affect no row for the decoy and no more rows than are
 * marked, and the rows that existed before the run must be untouched by it; references into the
 * cleaned tables must not gain orphans. Anything else rolls back. See docs/cleanup.md.
 */
public final class Cleanup {
    private final CleanupSpec spec;
    private final String runId;
    private final String tagHeader;

    public Cleanup(CleanupSpec spec, String runId, String tagHeader) {
        this.spec = spec;
        this.runId = runId;
        this.tagHeader = tagHeader;
    }

    /** The database could not be reached or a count failed; says which and why. */
    public static final class DatabaseException extends Exception {
        private static final long serialVersionUID = 1L;

        DatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The scenario's cleanup cannot be proved on this database; the message says where, why and how to fix it. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    /**
     * Counts every table before the run: the pending cleanup to record in run.json. Refused when a
     * condition already selects rows for the new run id, since those rows cannot be the run's.
     */
    public CleanupResult baseline() throws DatabaseException, Refused {
        CleanupResult b = baseline(CleanupResult.BEFORE_THE_RUN);
        List<String> claimed = new ArrayList<>();
        for (int i = 0; i < b.tables().size(); i++) {
            CleanupResult.Table t = b.tables().get(i);
            if (t.markedBefore() != 0) {
                CleanupSpec.Table s = spec.database().tables().get(i);
                claimed.add(String.format(
                        Locale.US,
                        "%s.marked = '%s': selects %d rows of %s before the run has sent anything; no row can carry"
                                + " the new run id %s yet, so the condition selects rows the run did not create"
                                + "\n    fix: select only this run's rows, such as marked: run_id = :run",
                        s.where(),
                        s.marked(),
                        t.markedBefore(),
                        t.table(),
                        runId));
            }
        }
        if (!claimed.isEmpty()) {
            throw new Refused(String.join("\n", claimed));
        }
        return b;
    }

    /** Counts and fingerprints every table now, naming when the baseline was taken. */
    public CleanupResult baseline(String when) throws DatabaseException, Refused {
        List<CleanupResult.Table> tables = new ArrayList<>();
        try (Connection c = connect()) {
            Statements sql = new Statements(c, spec.timeoutNanos());
            for (CleanupSpec.Table t : spec.database().tables()) {
                Schema.Resolved r = Schema.resolve(c, t);
                long marked = sql.count(countMarked(t), runId);
                long all = sql.count(countAll(t), runId);
                long maxKey = sql.maxKey(t.table(), r.key());
                CleanupResult.Keys existing = sql.unmarkedKeys(t.table(), r.key(), maxKey, t.marked(), runId);
                tables.add(new CleanupResult.Table(
                        t.table(),
                        marked,
                        all - marked,
                        CleanupResult.NOT_COUNTED,
                        CleanupResult.NOT_COUNTED,
                        CleanupResult.NOT_COUNTED,
                        CleanupResult.NOT_COUNTED,
                        false,
                        new CleanupResult.Existing(r.key(), maxKey, existing, null, null)));
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot count the rows of " + describe() + " (" + firstLine(e) + ")", e);
        }
        return new CleanupResult(CleanupResult.PENDING, when, null, tables, List.of(), List.of(), List.of());
    }

    /** Cleans up after the run and verifies against {@code baseline}; never throws, a failure is in the result. */
    public CleanupResult run(CleanupResult baseline) {
        Proof proof = new Proof(spec, runId, Decoy.of(runId), baseline);
        try (Connection c = connect()) {
            proof.beforeCleanup(new Statements(c, spec.timeoutNanos()));
        } catch (SQLException | Refused e) {
            proof.problem("cannot count the rows of " + describe() + " before cleaning (" + message(e) + ")");
        }
        String http = spec.http().map(h -> call(h, proof.problems())).orElse(null);
        if (proof.ready()) {
            try (Connection c = connect()) {
                proof.deleteInOneTransaction(
                        new Statements(c, spec.timeoutNanos()), spec.http().isPresent());
            } catch (SQLException e) {
                proof.problem("cannot clean " + describe() + " (" + firstLine(e) + "); nothing was deleted by SQL");
            }
        }
        try (Connection c = connect()) {
            proof.afterCleanup(new Statements(c, spec.timeoutNanos()));
        } catch (SQLException e) {
            proof.problem("cannot count the rows of " + describe() + " after cleaning (" + firstLine(e) + ")");
        }
        return proof.result(http);
    }

    private static String message(Exception e) {
        return e instanceof SQLException s ? firstLine(s) : e.getMessage();
    }

    static String countMarked(CleanupSpec.Table t) {
        return "SELECT COUNT(*) FROM " + t.table() + " WHERE " + t.marked();
    }

    static String countAll(CleanupSpec.Table t) {
        return "SELECT COUNT(*) FROM " + t.table();
    }

    private String call(CleanupSpec.Http h, List<String> problems) {
        long timeoutMillis = spec.timeoutNanos() / 1_000_000;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(Math.min(timeoutMillis, 5_000)))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Optional<String> body = h.body().map(b -> b.replace(CleanupSpec.HTTP_PARAMETER, runId));
        HttpRequest request = HttpRequest.newBuilder(CleanupSpec.httpUri(h.url(), runId))
                .timeout(Duration.ofMillis(timeoutMillis))
                .header(tagHeader, runId)
                .method(
                        h.method(),
                        body.map(HttpRequest.BodyPublishers::ofString).orElse(HttpRequest.BodyPublishers.noBody()))
                .build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String status = h.method() + " " + request.uri() + " -> " + response.statusCode();
            if (response.statusCode() / 100 != 2) {
                problems.add("the cleanup call " + status + " did not succeed");
            }
            return status;
        } catch (IOException e) {
            problems.add("the cleanup call " + h.method() + " " + request.uri() + " failed (" + e + ")");
            return h.method() + " " + request.uri() + " -> no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("the cleanup call was interrupted");
            return h.method() + " " + request.uri() + " -> interrupted";
        }
    }

    private Connection connect() throws SQLException {
        DriverManager.setLoginTimeout((int) Math.max(1, Math.min(spec.timeoutNanos() / 1_000_000_000L, 30)));
        CleanupSpec.Database db = spec.database();
        Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
        c.setAutoCommit(true);
        return c;
    }

    private String describe() {
        return spec.database().url();
    }

    static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
