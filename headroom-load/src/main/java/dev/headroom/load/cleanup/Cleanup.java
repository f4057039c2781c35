package dev.headroom.load.cleanup;

import dev.headroom.model.run.CleanupResult;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Removes a run's synthetic data and proves it. {@link #baseline()} counts, per table, the rows
 * marked with the run id and the rows not marked, before any load is sent. {@link #run} then makes
 * the HTTP call (if any), executes each table's delete with the run id bound, and counts again: the
 * cleanup is verified when no marked row remains in any table and every table holds exactly as many
 * unmarked rows as at the baseline. Anything that cannot be counted makes the cleanup fail.
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

    /** Counts every table before the run: the pending cleanup to record in run.json. */
    public CleanupResult baseline() throws DatabaseException {
        return baseline("before the run");
    }

    /** Counts every table now, naming when the baseline was taken. */
    public CleanupResult baseline(String when) throws DatabaseException {
        List<CleanupResult.Table> tables = new ArrayList<>();
        try (Connection c = connect()) {
            for (CleanupSpec.Table t : spec.database().tables()) {
                long marked = countMarked(c, t);
                long all = countAll(c, t);
                tables.add(new CleanupResult.Table(t.table(), marked, all - marked, -1, -1, -1, -1, false));
            }
        } catch (SQLException e) {
            throw new DatabaseException("cannot count the rows of " + describe() + " (" + firstLine(e) + ")", e);
        }
        return new CleanupResult(CleanupResult.PENDING, when, null, tables, List.of());
    }

    /** Cleans up after the run and verifies against {@code baseline}; never throws, a failure is in the result. */
    public CleanupResult run(CleanupResult baseline) {
        List<String> problems = new ArrayList<>();
        List<CleanupSpec.Table> specs = spec.database().tables();
        long[] atCleanup = new long[specs.size()];
        String http = null;
        try (Connection c = connect()) {
            for (int i = 0; i < specs.size(); i++) {
                atCleanup[i] = countMarked(c, specs.get(i));
            }
        } catch (SQLException e) {
            problems.add("cannot count the rows of " + describe() + " before cleaning (" + firstLine(e) + ")");
            java.util.Arrays.fill(atCleanup, -1);
        }
        if (spec.http().isPresent()) {
            http = call(spec.http().get(), problems);
        }
        List<CleanupResult.Table> tables = new ArrayList<>();
        try (Connection c = connect()) {
            for (CleanupSpec.Table t : specs) {
                execute(c, t.delete());
            }
            for (int i = 0; i < specs.size(); i++) {
                CleanupSpec.Table t = specs.get(i);
                CleanupResult.Table before = find(baseline, t.table());
                long remaining = countMarked(c, t);
                long unmarked = countAll(c, t) - remaining;
                boolean ok = remaining == 0 && before != null && unmarked == before.unmarkedBefore();
                if (before == null) {
                    problems.add(t.table() + ": no baseline count to compare with");
                } else if (unmarked != before.unmarkedBefore()) {
                    problems.add(String.format(
                            java.util.Locale.US,
                            "%s: %d rows not marked with the run id, %d %s (rows of others were added or removed"
                                    + " meanwhile, or the delete reached beyond this run)",
                            t.table(),
                            unmarked,
                            before.unmarkedBefore(),
                            baseline.baseline()));
                }
                if (remaining != 0) {
                    problems.add(t.table() + ": " + remaining + " rows marked with the run id remain after the delete");
                }
                long deleted = atCleanup[i] < 0 ? -1 : atCleanup[i] - remaining;
                tables.add(new CleanupResult.Table(
                        t.table(),
                        before == null ? -1 : before.markedBefore(),
                        before == null ? -1 : before.unmarkedBefore(),
                        atCleanup[i],
                        deleted,
                        remaining,
                        unmarked,
                        ok));
            }
        } catch (SQLException e) {
            problems.add("cannot clean or count " + describe() + " (" + firstLine(e) + ")");
        }
        boolean verified = problems.isEmpty()
                && tables.size() == specs.size()
                && tables.stream().allMatch(CleanupResult.Table::verified);
        return new CleanupResult(
                verified ? CleanupResult.VERIFIED : CleanupResult.FAILED, baseline.baseline(), http, tables, problems);
    }

    private static CleanupResult.Table find(CleanupResult baseline, String table) {
        return baseline.tables().stream()
                .filter(t -> t.table().equals(table))
                .findFirst()
                .orElse(null);
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

    private long countMarked(Connection c, CleanupSpec.Table t) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM " + t.table() + " WHERE " + t.marked());
    }

    private long countAll(Connection c, CleanupSpec.Table t) throws SQLException {
        return count(c, "SELECT COUNT(*) FROM " + t.table());
    }

    private long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql)) {
            ps.executeUpdate();
        }
    }

    private PreparedStatement prepare(Connection c, String sql) throws SQLException {
        CleanupReader.Bound bound = CleanupReader.bind(sql);
        PreparedStatement ps = c.prepareStatement(bound.sql());
        ps.setQueryTimeout((int) Math.max(1, spec.timeoutNanos() / 1_000_000_000L));
        for (int i = 1; i <= bound.parameters(); i++) {
            ps.setString(i, runId);
        }
        return ps;
    }

    private String describe() {
        return spec.database().url();
    }

    private static String firstLine(SQLException e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
