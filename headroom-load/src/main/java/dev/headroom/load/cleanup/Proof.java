package dev.headroom.load.cleanup;

import dev.headroom.model.run.CleanupResult;
import dev.headroom.model.run.CleanupResult.Keys;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One cleanup's counts and checks, in the order they are taken: before Headroom touches anything,
 * the deletes in one transaction (committed only if every check holds), and after. None of the
 * checks trusts a table's {@code marked} condition to be right; see docs/cleanup.md.
 */
final class Proof {
    private final String runId;
    private final String decoy;
    private final CleanupResult baseline;
    private final List<Step> steps = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private List<CleanupResult.Orphans> orphans = List.of();
    private boolean ready;

    /** One table's state through the cleanup. */
    private static final class Step {
        final CleanupSpec.Table spec;
        final CleanupResult.Table before;
        Schema.Resolved resolved;
        long maxKey;
        /** The key range was fingerprinted before the run, so no marked row can lie in it. */
        boolean rangeBeforeRun;

        Keys atBaseline;
        Keys atCleanup;
        Keys after;
        long markedAtCleanup = CleanupResult.NOT_COUNTED;
        long remaining = CleanupResult.NOT_COUNTED;
        long unmarkedAfter = CleanupResult.NOT_COUNTED;
        boolean failed;

        Step(CleanupSpec.Table spec, CleanupResult.Table before) {
            this.spec = spec;
            this.before = before;
        }

        String table() {
            return spec.table();
        }

        String range() {
            return maxKey == CleanupResult.Existing.EMPTY_TABLE
                    ? "none, the table was empty"
                    : resolved.key() + " <= " + maxKey;
        }
    }

    Proof(CleanupSpec spec, String runId, String decoy, CleanupResult baseline) {
        this.runId = runId;
        this.decoy = decoy;
        this.baseline = baseline;
        for (CleanupSpec.Table t : spec.database().tables()) {
            CleanupResult.Table before = baseline.tables().stream()
                    .filter(b -> b.table().equals(t.table()))
                    .findFirst()
                    .orElse(null);
            steps.add(new Step(t, before));
        }
    }

    List<String> problems() {
        return problems;
    }

    void problem(String message) {
        problems.add(message);
    }

    boolean ready() {
        return ready;
    }

    /** What the run left, and the rows that existed before it, before the HTTP call or any delete. */
    void beforeCleanup(Statements sql) throws SQLException, Cleanup.Refused {
        for (Step s : steps) {
            s.resolved = Schema.resolve(sql.connection(), s.spec);
            CleanupResult.Existing recorded = s.before == null ? null : s.before.existing();
            if (recorded != null && recorded.key().equalsIgnoreCase(s.resolved.key())) {
                s.maxKey = recorded.maxKey();
                s.rangeBeforeRun = baseline.countedBeforeTheRun();
                s.atBaseline = recorded.atBaseline();
            } else {
                s.maxKey = sql.maxKey(s.table(), s.resolved.key());
            }
            s.markedAtCleanup = sql.count(Cleanup.countMarked(s.spec), runId);
            s.atCleanup = existing(sql, s);
            if (s.atBaseline == null) {
                s.atBaseline = s.atCleanup;
            } else if (!s.atBaseline.equals(s.atCleanup)) {
                notes.add(String.format(
                        Locale.US,
                        "%s: of the rows that existed before the run (%s), %d were there at the baseline and %d at"
                                + " the cleanup: others changed them during the run, not the cleanup",
                        s.table(),
                        s.range(),
                        s.atBaseline.rows(),
                        s.atCleanup.rows()));
            }
        }
        ready = true;
    }

    /**
     * Every table's delete in one transaction, each checked before the next; commits only if all
     * hold. A snapshot isolation level makes the counts and the delete see the same rows.
     */
    void deleteInOneTransaction(Statements sql, boolean httpCalled) throws SQLException {
        Connection c = sql.connection();
        c.setAutoCommit(false);
        isolate(c);
        try {
            Map<String, Schema.Link> links = new LinkedHashMap<>();
            steps.forEach(s -> s.resolved.links().forEach(l -> links.putIfAbsent(l.id(), l)));
            Map<String, Long> orphansBefore = new LinkedHashMap<>();
            for (Schema.Link l : links.values()) {
                orphansBefore.put(l.id(), sql.count(orphanCount(l), runId));
            }
            boolean ok = true;
            for (Step s : steps) {
                if (!deleteChecked(sql, s, httpCalled)) {
                    s.failed = true;
                    ok = false;
                    break;
                }
            }
            if (ok) {
                ok = noNewOrphans(sql, links, orphansBefore);
            }
            if (ok) {
                c.commit();
            } else {
                c.rollback();
                problems.add("rolled back: the cleanup's SQL deleted nothing");
            }
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static void isolate(Connection c) throws SQLException {
        DatabaseMetaData md = c.getMetaData();
        if (md.supportsTransactionIsolationLevel(Connection.TRANSACTION_REPEATABLE_READ)) {
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        } else if (md.supportsTransactionIsolationLevel(Connection.TRANSACTION_SERIALIZABLE)) {
            c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
        }
    }

    private boolean deleteChecked(Statements sql, Step s, boolean httpCalled) throws SQLException {
        String markedSql = Cleanup.countMarked(s.spec);
        long decoyMarked = sql.count(markedSql, decoy);
        if (decoyMarked > 0) {
            return fail(
                    "%s: marked '%s' selects %d rows for the decoy run id %s, which no row can carry: the condition"
                            + " selects rows that are not this run's",
                    s.table(), s.spec.marked(), decoyMarked, decoy);
        }
        long marked = sql.count(markedSql, runId);
        Keys all0 = allKeys(sql, s);
        Keys marked0 = markedKeys(sql, s);
        if (s.rangeBeforeRun && marked0.rows() > 0) {
            return fail(
                    "%s: %d rows marked with the run id lie among the rows that existed before the run (%s): the"
                            + " condition selects rows the run did not create",
                    s.table(), marked0.rows(), s.range());
        }
        Keys now = s.rangeBeforeRun ? all0 : all0.minus(marked0);
        if (httpCalled && !now.equals(s.atCleanup)) {
            // Too late to undo: the HTTP call committed on its own. The SQL deletes may still go ahead.
            problems.add(String.format(
                    Locale.US,
                    "%s: of the rows that existed before the run (%s), %d were there before the cleanup's HTTP call"
                            + " and %d after it: the call removed rows that are not the run's",
                    s.table(),
                    s.range(),
                    s.atCleanup.rows(),
                    now.rows()));
            s.failed = true;
        }
        long decoyDeleted = sql.update(s.spec.delete(), decoy);
        if (decoyDeleted > 0) {
            return fail(
                    "%s: the delete affected %d rows for the decoy run id %s, which no row can carry: it reaches"
                            + " beyond the run's rows",
                    s.table(), decoyDeleted, decoy);
        }
        long affected = sql.update(s.spec.delete(), runId);
        if (affected > marked) {
            return fail(
                    "%s: the delete affected %d rows but only %d are marked with the run id",
                    s.table(), affected, marked);
        }
        // Unmarked rows of the range before and after the delete: the same set, or the delete took real rows.
        Keys left = existing(sql, s);
        if (!left.equals(now)) {
            return fail(
                    "%s: the delete would remove %d rows that existed before the run (%s: %d unmarked before the"
                            + " delete, %d after)",
                    s.table(), Math.max(1, now.rows() - left.rows()), s.range(), now.rows(), left.rows());
        }
        return true;
    }

    private boolean noNewOrphans(Statements sql, Map<String, Schema.Link> links, Map<String, Long> before)
            throws SQLException {
        List<CleanupResult.Orphans> found = new ArrayList<>();
        boolean ok = true;
        for (Schema.Link l : links.values()) {
            long after = sql.count(orphanCount(l), runId);
            long was = before.get(l.id());
            found.add(
                    new CleanupResult.Orphans(l.child(), l.column(), l.parent() + "." + l.parentColumn(), was, after));
            if (after > was) {
                ok = false;
                problems.add(String.format(
                        Locale.US,
                        "%s.%s: %d rows would point at %s rows the cleanup deletes (%d such rows before it); list %s"
                                + " before %s in cleanup.database.tables so its rows go first",
                        l.child(),
                        l.column(),
                        after - was,
                        l.parent(),
                        was,
                        l.child(),
                        l.parent()));
            }
        }
        orphans = found;
        return ok;
    }

    private static String orphanCount(Schema.Link l) {
        return "SELECT COUNT(*) FROM " + l.child() + " c WHERE c." + l.column() + " IS NOT NULL AND NOT EXISTS"
                + " (SELECT 1 FROM " + l.parent() + " p WHERE p." + l.parentColumn() + " = c." + l.column() + ")";
    }

    private boolean fail(String format, Object... args) {
        problems.add(String.format(Locale.US, format, args));
        return false;
    }

    /** What is left once the transaction is over, committed or rolled back. */
    void afterCleanup(Statements sql) throws SQLException {
        for (Step s : steps) {
            if (s.resolved == null) {
                continue;
            }
            s.remaining = sql.count(Cleanup.countMarked(s.spec), runId);
            s.unmarkedAfter = sql.count(Cleanup.countAll(s.spec), runId) - s.remaining;
            s.after = existing(sql, s);
            if (s.remaining != 0) {
                problems.add(s.table() + ": " + s.remaining + " rows marked with the run id remain after the cleanup");
            }
            if (!s.failed && !s.after.equals(s.atCleanup)) {
                s.failed = true;
                problems.add(String.format(
                        Locale.US,
                        "%s: of the rows that existed before the run (%s), %d were there before the cleanup and %d"
                                + " after it",
                        s.table(),
                        s.range(),
                        s.atCleanup.rows(),
                        s.after.rows()));
            }
        }
    }

    private Keys allKeys(Statements sql, Step s) throws SQLException {
        return sql.keys(s.table(), s.resolved.key(), s.maxKey, Optional.empty(), runId);
    }

    private Keys markedKeys(Statements sql, Step s) throws SQLException {
        return sql.keys(s.table(), s.resolved.key(), s.maxKey, Optional.of(s.spec.marked()), runId);
    }

    /**
     * The fingerprint of the rows that existed at the baseline. Counted before the run, that is every
     * row of the range, whatever the condition says now (a marked row in it is refused on its own);
     * counted later, the run's own rows lie in the range too and only the condition can take them out.
     */
    private Keys existing(Statements sql, Step s) throws SQLException {
        Keys all = allKeys(sql, s);
        return s.rangeBeforeRun ? all : all.minus(markedKeys(sql, s));
    }

    CleanupResult result(String http) {
        List<CleanupResult.Table> tables = new ArrayList<>();
        boolean all = true;
        for (Step s : steps) {
            boolean verified = !s.failed && s.remaining == 0 && s.after != null && s.after.equals(s.atCleanup);
            all &= verified;
            tables.add(new CleanupResult.Table(
                    s.table(),
                    s.before == null ? CleanupResult.NOT_COUNTED : s.before.markedBefore(),
                    s.before == null ? CleanupResult.NOT_COUNTED : s.before.unmarkedBefore(),
                    s.markedAtCleanup,
                    s.markedAtCleanup < 0 || s.remaining < 0
                            ? CleanupResult.NOT_COUNTED
                            : s.markedAtCleanup - s.remaining,
                    s.remaining,
                    s.unmarkedAfter,
                    verified,
                    s.resolved == null
                            ? null
                            : new CleanupResult.Existing(
                                    s.resolved.key(), s.maxKey, s.atBaseline, s.atCleanup, s.after)));
            if (s.before == null) {
                problems.add(s.table() + ": no baseline count to compare with");
            }
        }
        boolean verified = problems.isEmpty() && all;
        return new CleanupResult(
                verified ? CleanupResult.VERIFIED : CleanupResult.FAILED,
                baseline.baseline(),
                http,
                tables,
                orphans,
                problems,
                notes);
    }
}
