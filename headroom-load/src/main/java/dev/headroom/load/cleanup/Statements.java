package dev.headroom.load.cleanup;

import dev.headroom.model.run.CleanupResult;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;

/** The cleanup's SQL on one connection: every {@code :run} bound to the id given, each statement timed out. */
final class Statements {
    /** 2^31-1 and 46337 (46337^2 < 2^31): per-key terms fit a 32-bit integer on every database. */
    private static final long SUM_MODULUS = 2_147_483_647L;

    private static final long SQUARE_MODULUS = 46_337L;

    private final Connection connection;
    private final int timeoutSeconds;

    Statements(Connection connection, long timeoutNanos) {
        this.connection = connection;
        this.timeoutSeconds = (int) Math.max(1, timeoutNanos / 1_000_000_000L);
    }

    Connection connection() {
        return connection;
    }

    long count(String sql, String runId) throws SQLException {
        try (PreparedStatement ps = prepare(sql, runId);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long update(String sql, String runId) throws SQLException {
        try (PreparedStatement ps = prepare(sql, runId)) {
            return ps.executeLargeUpdate();
        }
    }

    /** The highest key, or {@link CleanupResult.Existing#EMPTY_TABLE} when the table has no row. */
    long maxKey(String table, String key) throws SQLException {
        try (PreparedStatement ps = prepare("SELECT MAX(" + key + ") FROM " + table, "");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            long max = rs.getLong(1);
            return rs.wasNull() ? CleanupResult.Existing.EMPTY_TABLE : max;
        }
    }

    /**
     * The fingerprint of the keys at or below {@code maxKey}, of every row or only of those
     * {@code marked} for {@code runId}. The bound is a number read from the database, so it is
     * written into the SQL; the run id is bound.
     */
    CleanupResult.Keys keys(String table, String key, long maxKey, Optional<String> marked, String runId)
            throws SQLException {
        String sql = String.format(
                Locale.ROOT,
                "SELECT COUNT(*), SUM(MOD(%1$s, %2$d)), SUM(MOD(%1$s, %3$d) * MOD(%1$s, %3$d)) FROM %4$s"
                        + " WHERE %1$s <= %5$d%6$s",
                key,
                SUM_MODULUS,
                SQUARE_MODULUS,
                table,
                maxKey,
                marked.map(m -> " AND (" + m + ")").orElse(""));
        try (PreparedStatement ps = prepare(sql, runId);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new CleanupResult.Keys(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /** The keys of the rows at or below {@code maxKey} that {@code marked} does not select for {@code runId}. */
    CleanupResult.Keys unmarkedKeys(String table, String key, long maxKey, String marked, String runId)
            throws SQLException {
        return keys(table, key, maxKey, Optional.empty(), runId)
                .minus(keys(table, key, maxKey, Optional.of(marked), runId));
    }

    private PreparedStatement prepare(String sql, String runId) throws SQLException {
        CleanupReader.Bound bound = CleanupReader.bind(sql);
        PreparedStatement ps = connection.prepareStatement(bound.sql());
        ps.setQueryTimeout(timeoutSeconds);
        for (int i = 1; i <= bound.parameters(); i++) {
            ps.setString(i, runId);
        }
        return ps;
    }
}
